package dev.cloudgallery.containers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.localaws.Ports;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.HttpApi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.GenericContainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each service image started as a plain HTTP server, the way the compose stack runs it. */
class HttpModeTest {
    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void servesHealthAndOpenApi(ServiceImage image) {
        int port = Ports.free();
        Map<String, String> environment = LocalAws.httpServer(TestStack.shared().serviceEnvironment(image.schema()),
                                                              port);
        Path log = Path.of("target", image.module() + "-http.log");
        try (GenericContainer<?> container = Containers.httpServer(image, environment, log)) {
            container.start();
            HttpApi api = HttpApi.onPort(port);
            Response health = Containers.awaitHealthy(api, "/api/" + image.schema() + "/health",
                                                      Duration.ofSeconds(60));
            assertEquals("UP", health.json().getString("status"));
            Response openApi = api.get("/api/" + image.schema() + "/openapi");
            assertEquals(200, openApi.status(), openApi::toString);
            assertTrue(openApi.text().contains("openapi:"), openApi::text);
        }
    }
}
