package dev.cloudgallery.users;

import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.HttpApi;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user API over HTTP, against real PostgreSQL and cognito-local. */
@ServerTest
class UserApiTest {
    private final Api api;

    UserApiTest(WebServer server) {
        this.api = HttpApi.onPort(server.port());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, TestStack.shared().serviceConfig("users"));
    }

    @Test
    void fullJourney() {
        UserJourney.run(api);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = UserJourney.newEmail();
        UserJourney.signedUp(api, email);
        Response wrongPassword = api.post("/api/users/login", Json.createObjectBuilder()
                .add("email", email).add("password", "Wrong-Password-1").build());
        Response unknownEmail = api.post("/api/users/login", Json.createObjectBuilder()
                .add("email", UserJourney.newEmail()).add("password", UserJourney.PASSWORD).build());
        assertEquals(401, wrongPassword.status(), wrongPassword::toString);
        assertEquals(401, unknownEmail.status(), unknownEmail::toString);
        assertEquals(wrongPassword.json().getString("detail"), unknownEmail.json().getString("detail"));
    }

    @Test
    void unconfirmedAccountCannotSignIn() {
        String email = UserJourney.newEmail();
        assertEquals(201, api.post("/api/users/register", Json.createObjectBuilder()
                .add("email", email).add("password", UserJourney.PASSWORD).add("displayName", "Lin").build())
                .status());
        Response login = api.post("/api/users/login", Json.createObjectBuilder()
                .add("email", email).add("password", UserJourney.PASSWORD).build());
        assertEquals(403, login.status(), login::toString);
        assertTrue(login.json().getString("type").endsWith("/unconfirmed"), login::toString);
    }

    @Test
    void wrongConfirmationCodeIsRefused() {
        String email = UserJourney.newEmail();
        api.post("/api/users/register", Json.createObjectBuilder()
                .add("email", email).add("password", UserJourney.PASSWORD).add("displayName", "Lin").build());
        Response confirm = api.post("/api/users/confirm", Json.createObjectBuilder()
                .add("email", email).add("code", "000000").build());
        assertEquals(400, confirm.status(), confirm::toString);
        assertEquals("code", confirm.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }

    @Test
    void unknownUserIs404() {
        assertEquals(404, api.get("/api/users/0190c0de-0000-7000-8000-000000000000").status());
        Response notAnId = api.get("/api/users/not-a-uuid");
        assertEquals(404, notAnId.status());
        assertEquals("application/problem+json", notAnId.header("content-type"));
    }

    @Test
    void healthReportsTheDatabase() {
        Response health = api.get("/api/users/health");
        assertEquals(200, health.status());
        assertEquals("UP", health.json().getString("status"));
    }

    @Test
    void requestIdIsEchoedWhenSaneAndReplacedWhenNot() {
        Response sane = api.send(Api.Request.of("GET", "/api/users/health").header("X-Request-Id", "abc-123"));
        assertEquals("abc-123", sane.header("x-request-id"));
        Response hostile = api.send(Api.Request.of("GET", "/api/users/health")
                                            .header("X-Request-Id", "a b\"c<script>"));
        assertTrue(hostile.header("x-request-id").matches("[0-9a-f-]{36}"), hostile::toString);
        Response problem = api.send(Api.Request.of("GET", "/api/users/me").header("X-Request-Id", "req-401"));
        assertEquals(401, problem.status());
        assertEquals("req-401", problem.header("x-request-id"), "error answers carry the request id too");
    }
}
