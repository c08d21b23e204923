package dev.cloudgallery.testing.origin;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.security.OriginGuard;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.HttpApi;
import dev.cloudgallery.testing.api.LambdaApi;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's one door, checked for a service in both of its adapters: a request that does not carry the origin
 * header CloudFront adds (missing, or a wrong value) is refused before any route, and either of the two accepted
 * values (current, and previous during a rotation) is let in. A service's test class extends this and names the
 * service.
 */
public abstract class OriginDoorContract {
    private static final List<String> WRONG_VALUES = List.of("", "local-origin-verif", "local-origin-verify-",
                                                             TestStack.ORIGIN_VALUE.toUpperCase());

    private final String schema;
    private final Function<Config, WebServer> starter;
    private final Class<?> lambda;

    /**
     * @param schema  the service's schema, which is also its prefix: /api/&lt;schema&gt;
     * @param starter the service's {@code Main.start}
     * @param lambda  the service's Lambda handler class
     */
    protected OriginDoorContract(String schema, Function<Config, WebServer> starter, Class<?> lambda) {
        this.schema = schema;
        this.starter = starter;
        this.lambda = lambda;
    }

    @Test
    void overHttpOnlyRequestsWithTheOriginHeaderGetIn() {
        WebServer server = starter.apply(ServiceConfig.load(environment()));
        try {
            assertOnlyTheOriginGetsIn(HttpApi.onPort(server.port()));
        } finally {
            server.stop();
        }
    }

    @Test
    void throughTheLambdaRuntimeOnlyRequestsWithTheOriginHeaderGetIn() {
        try (LambdaRuntimeHarness function = LambdaRuntimeHarness.start(lambda.getName() + "::handleRequest",
                                                                         environment())) {
            assertOnlyTheOriginGetsIn(new LambdaApi(function));
        }
    }

    @Test
    void aServiceWithoutTheCheckConfiguredDoesNotStart() {
        Map<String, String> environment = environment();
        environment.remove("ORIGIN_VALUES");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                                                     () -> starter.apply(ServiceConfig.load(environment)));
        assertTrue(refused.getMessage().contains("ORIGIN_SECRET_ARN"), refused::getMessage);
    }

    private Map<String, String> environment() {
        return LocalAws.httpServer(TestStack.shared().serviceEnvironment(schema), 0);
    }

    private void assertOnlyTheOriginGetsIn(Api api) {
        String prefix = "/api/" + schema;
        // Every kind of route: one that exists, one that needs a token, one that does not exist.
        for (String path : List.of(prefix + "/health", prefix + "/openapi", prefix + "/no-such-route")) {
            Request request = Request.of("GET", path);
            assertRefused(api.send(request.without(OriginGuard.HEADER.defaultCase())), "no header on " + path);
            for (String wrong : WRONG_VALUES) {
                assertRefused(api.send(request.header(OriginGuard.HEADER.defaultCase(), wrong)),
                              "'" + wrong + "' on " + path);
            }
        }
        for (String accepted : List.of(TestStack.ORIGIN_VALUE, TestStack.PREVIOUS_ORIGIN_VALUE)) {
            Response health = api.send(Request.of("GET", prefix + "/health")
                                               .header(OriginGuard.HEADER.defaultCase(), accepted));
            assertEquals(200, health.status(), () -> accepted + ": " + health);
        }
    }

    private static void assertRefused(Response response, String what) {
        assertEquals(403, response.status(), () -> what + ": " + response);
        assertEquals("application/problem+json", response.header("content-type"), what);
        assertTrue(response.json().getString("type").endsWith("/origin"), () -> what + ": " + response);
        assertNotNull(response.header("x-request-id"), what);
        assertFalse(response.text().contains(TestStack.ORIGIN_VALUE), () -> what + " hints at the value: " + response);
    }
}
