package dev.cloudgallery.containers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.cloudgallery.images.ImageJourney;
import dev.cloudgallery.localaws.Ports;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.HttpApi;
import dev.cloudgallery.users.UserJourney;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The developers' stack, compose.yaml, from nothing: the images this build made, the stand-ins for AWS and the
 * gateway. The journeys of the services that exist pass through the gateway, and the data outlives down and up.
 */
class ComposeStackTest {
    @Test
    void comesUpFromScratchPassesTheJourneysAndKeepsItsDataAcrossDownAndUp() throws Exception {
        String tag = null;
        for (ServiceImage image : ServiceImage.values()) {
            String reference = image.load();
            tag = reference.substring(reference.lastIndexOf(':') + 1);
        }
        int port = Ports.free();
        Path frontend = frontend();
        ComposeStack stack = new ComposeStack("cgtest" + UUID.randomUUID().toString().substring(0, 8), Map.of(
                "GATEWAY_PORT", String.valueOf(port),
                "CLOUD_GALLERY_TAG", tag,
                "FRONTEND_DIR", frontend.toString()));
        HttpApi gateway = new HttpApi(URI.create("http://127.0.0.1:" + port));
        try {
            stack.up();
            awaitServices(gateway);
            Response page = gateway.get("/");
            assertEquals(200, page.status(), page::toString);
            assertTrue(page.text().contains("Cloud Gallery test page"), page::text);
            assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'self'; script-src 'self';"),
                       page::toString);
            assertEquals("nosniff", page.header("X-Content-Type-Options"));
            Response route = gateway.get("/albums/0190c0de-0000-7000-8000-000000000000");
            assertEquals(200, route.status(), "an app route is the app: " + route);
            assertTrue(route.text().contains("Cloud Gallery test page"), route::text);
            assertEquals(404, gateway.get("/js/missing.js").status(), "a missing file is not the app");

            String email = UserJourney.run(gateway);
            ImageJourney.run(gateway, UserJourney.login(gateway, email).getString("accessToken"));

            stack.down();
            stack.up();
            awaitServices(gateway);
            // Cognito's account and the service's profile both survived: sign-in and the profile still work.
            String access = UserJourney.login(gateway, email).getString("accessToken");
            Response me = gateway.send(Request.of("GET", "/api/users/me").bearer(access));
            assertEquals(200, me.status(), me::toString);
            assertEquals(email, me.json().getString("email"));
            assertEquals("Counts things.", me.json().getString("bio"));
        } finally {
            stack.destroy();
        }
    }

    private static void awaitServices(HttpApi gateway) {
        for (ServiceImage image : ServiceImage.values()) {
            Containers.awaitHealthy(gateway, "/api/" + image.schema() + "/health", Duration.ofSeconds(60));
        }
    }

    /** A page for the gateway to serve; readable by nginx's own user inside the container. */
    private static Path frontend() throws IOException {
        Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "frontend");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path index = Files.writeString(directory.resolve("index.html"),
                                       "<!doctype html><title>Cloud Gallery test page</title>");
        Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rw-r--r--"));
        return directory;
    }
}
