package dev.cloudgallery.users;

import java.time.Duration;
import java.util.function.Supplier;

import dev.cloudgallery.localaws.EmbeddedDatabase;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.HttpApi;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.cloudgallery.users.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PostgreSQL disappears under a running service and comes back. The service must say so quickly (503, not a hang
 * and not a 500) and heal by itself. The database is shared by every test class of this JVM, so each test starts
 * it again however it ends.
 */
@ServerTest
class DatabaseOutageTest {
    private static final String HEALTH = "/api/users/health";
    private static final String ME = "/api/users/me";
    /** Far below API Gateway's 30 s: a client must learn of the outage while it can still act on it. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private final Api api;

    DatabaseOutageTest(WebServer server) {
        this.api = HttpApi.onPort(server.port());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, TestStack.shared().serviceConfig("users"));
    }

    @Test
    void healthAndApiAnswer503WhileTheDatabaseIsDownAndRecoverWhenItIsBack() {
        String email = UserJourney.newEmail();
        String access = UserJourney.signedUp(api, email).getString("accessToken");
        String userId = me(access).json().getString("userId");
        assertEquals(200, me(access).status());
        assertEquals("UP", api.get(HEALTH).json().getString("status"));

        EmbeddedDatabase database = TestStack.shared().database();
        database.stop();
        try {
            Response health = timed(() -> api.get(HEALTH));
            assertEquals(503, health.status(), health::toString);
            assertEquals("DOWN", health.json().getString("status"), health::toString);
            assertEquals("DOWN", health.json().getJsonObject("checks").getString("database"), health::toString);

            assertUnavailable(timed(() -> me(access)));
            assertUnavailable(timed(() -> api.send(Request.of("PATCH", ME).bearer(access)
                                                           .json(Json.createObjectBuilder().add("bio", "x").build()))));
            assertUnavailable(timed(() -> api.get("/api/users/" + userId)));
        } finally {
            database.start();
        }

        Response health = eventually(() -> api.get(HEALTH), 200);
        assertEquals("UP", health.json().getString("status"));
        Response me = eventually(() -> me(access), 200);
        assertEquals(userId, me.json().getString("userId"));
        // The refused PATCH must not have been applied late.
        assertEquals("", me.json().getString("bio"));
    }

    @Test
    void registrationCutShortByTheOutageIsCompletedByTheFirstLogin() {
        String email = UserJourney.newEmail();
        EmbeddedDatabase database = TestStack.shared().database();
        // The pool holds an open connection when the database goes, as in a failover: the server ends it (57P01).
        assertEquals(200, api.get(HEALTH).status());
        database.stop();
        try {
            // Cognito accepts the account, storing the profile fails: the client is told to retry later.
            assertUnavailable(timed(() -> api.post("/api/users/register", Json.createObjectBuilder()
                    .add("email", email).add("password", UserJourney.PASSWORD).add("displayName", "Hopper")
                    .build())));
        } finally {
            database.start();
        }
        eventually(() -> api.get(HEALTH), 200);

        assertEquals(204, api.post("/api/users/confirm", Json.createObjectBuilder()
                .add("email", email).add("code", TestStack.CONFIRMATION_CODE).build()).status());
        JsonObject tokens = UserJourney.login(api, email);
        Response me = me(tokens.getString("accessToken"));
        assertEquals(200, me.status(), me::toString);
        assertEquals(email, me.json().getString("email"));
        assertEquals("Hopper", me.json().getString("displayName"));
    }

    @Test
    void registrationCutShortByTheOutageCanBeRetried() {
        String email = UserJourney.newEmail();
        JsonObject registration = Json.createObjectBuilder()
                .add("email", email).add("password", UserJourney.PASSWORD).add("displayName", "Lovelace").build();
        EmbeddedDatabase database = TestStack.shared().database();
        database.stop();
        try {
            assertUnavailable(timed(() -> api.post("/api/users/register", registration)));
        } finally {
            database.start();
        }
        eventually(() -> api.get(HEALTH), 200);

        // The retry the 503 asked for: the same account, not a conflict with the half-made one.
        Response retry = api.post("/api/users/register", registration);
        assertEquals(201, retry.status(), retry::toString);
        assertEquals(email, retry.json().getString("email"));
        String userId = retry.json().getString("userId");
        Response profile = api.get("/api/users/" + userId);
        assertEquals(200, profile.status(), profile::toString);
        assertEquals("Lovelace", profile.json().getString("displayName"));

        // Someone else trying the same email gets the conflict, and so does a retry once the account is confirmed.
        assertProblem(api.post("/api/users/register", Json.createObjectBuilder(registration)
                .add("password", "Other-Horse-7").build()), 409);
        assertEquals(204, api.post("/api/users/confirm", Json.createObjectBuilder()
                .add("email", email).add("code", TestStack.CONFIRMATION_CODE).build()).status());
        assertProblem(api.post("/api/users/register", registration), 409);
        assertEquals(userId, me(UserJourney.login(api, email).getString("accessToken")).json().getString("userId"));
    }

    private Response me(String access) {
        return api.send(Request.of("GET", ME).bearer(access));
    }

    private static void assertUnavailable(Response response) {
        assertProblem(response, 503);
        String retryAfter = response.header("retry-after");
        assertNotNull(retryAfter, response::toString);
        assertTrue(Integer.parseInt(retryAfter.trim()) > 0, response::toString);
    }

    private static Response timed(Supplier<Response> call) {
        long start = System.nanoTime();
        Response response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(FAIL_FAST) < 0, () -> "took " + took + " to answer " + response);
        return response;
    }

    /** The pool reconnects on its own; give it a bounded time to do so. */
    private static Response eventually(Supplier<Response> call, int status) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        Response last;
        do {
            last = call.get();
            if (last.status() == status) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        return fail("not " + status + " within " + RECOVERY + "; last answer: " + last);
    }
}
