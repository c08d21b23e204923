package dev.cloudgallery.images;

import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.HttpApi;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ServerTest
class HealthTest {
    private final Api api;

    HealthTest(WebServer server) {
        this.api = HttpApi.onPort(server.port());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, TestStack.shared().serviceConfig("images"));
    }

    @Test
    void healthIsUpWithItsOwnSchema() {
        Api.Response health = api.get("/api/images/health");
        assertEquals(200, health.status(), health::toString);
        assertEquals("images", health.json().getString("service"));
    }

    @Test
    void unknownRouteIsAProblem() {
        Api.Response missing = api.get("/api/images/nothing-here");
        assertEquals(404, missing.status());
    }
}
