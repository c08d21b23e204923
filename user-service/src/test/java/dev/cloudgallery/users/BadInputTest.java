package dev.cloudgallery.users;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import dev.cloudgallery.platform.security.OriginGuard;
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
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import static dev.cloudgallery.users.ProblemAssertions.assertInvalidFields;
import static dev.cloudgallery.users.ProblemAssertions.assertProblem;
import static dev.cloudgallery.users.ProblemAssertions.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad request bodies get the right 4xx problem and leave no trace: neither a profile row nor a Cognito account.
 * Each rejection is measured against the row and account counts taken just before it.
 */
@ServerTest
class BadInputTest {
    private static final String REGISTER = "/api/users/register";
    private static final String LOGIN = "/api/users/login";
    private static final String CONFIRM = "/api/users/confirm";
    private static final String REFRESH = "/api/users/refresh";
    private static final String ME = "/api/users/me";
    /** One byte over API.md's 64 KiB limit. */
    private static final int OVERSIZE = 64 * 1024 + 1;

    private static final CognitoIdentityProviderClient COGNITO = TestStack.shared().cognito().client();

    private static Api api;
    private static int port;
    private static String email;
    private static String accessToken;

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, TestStack.shared().serviceConfig("users"));
    }

    @BeforeAll
    static void signUpAUser(WebServer server) {
        port = server.port();
        api = HttpApi.onPort(port);
        email = UserJourney.newEmail();
        accessToken = UserJourney.signedUp(api, email).getString("accessToken");
    }

    @AfterAll
    static void closeCognito() {
        COGNITO.close();
    }

    @Test
    void malformedJsonIs400OnEveryBodyRoute() {
        byte[] truncated = "{\"email\": \"a@example.com\", \"password\":".getBytes(StandardCharsets.UTF_8);
        for (Request request : everyBodyRoute(truncated)) {
            assertProblem(rejectedWithoutWrites(request), 400);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"email\": \"a@example.com\"}]", "\"a@example.com\"", "42", "null", "true"})
    void bodyThatIsNoJsonObjectIs400(String body) {
        for (Request request : everyBodyRoute(body.getBytes(StandardCharsets.UTF_8))) {
            assertProblem(rejectedWithoutWrites(request), 400);
        }
    }

    @Test
    void missingFieldsAreEachNamed() {
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, Json.createObjectBuilder())),
                            "email", "password", "displayName");
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, Json.createObjectBuilder()
                .add("email", UserJourney.newEmail()))), "password", "displayName");
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, Json.createObjectBuilder()
                .add("password", UserJourney.PASSWORD))), "email", "displayName");
        // An explicit null is as good as absent.
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, Json.createObjectBuilder()
                .addNull("email").add("password", UserJourney.PASSWORD).add("displayName", "Ada"))), "email");
        assertInvalidFields(rejectedWithoutWrites(post(LOGIN, Json.createObjectBuilder())), "email", "password");
        assertInvalidFields(rejectedWithoutWrites(post(CONFIRM, Json.createObjectBuilder())), "email", "code");
        assertInvalidFields(rejectedWithoutWrites(post(REFRESH, Json.createObjectBuilder())), "refreshToken");
    }

    @Test
    void absentBodyReadsAsAnEmptyObject() {
        assertInvalidFields(rejectedWithoutWrites(Request.of("POST", REGISTER)), "email", "password", "displayName");
    }

    @Test
    void wronglyTypedFieldIs400NamingIt() {
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, Json.createObjectBuilder()
                .add("email", 42).add("password", UserJourney.PASSWORD).add("displayName", "Ada"))), "email");
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, Json.createObjectBuilder()
                .add("email", UserJourney.newEmail()).add("password", Json.createArrayBuilder().add("x"))
                .add("displayName", "Ada"))), "password");
        assertInvalidFields(rejectedWithoutWrites(post(LOGIN, Json.createObjectBuilder()
                .add("email", email).add("password", true))), "password");
        assertInvalidFields(rejectedWithoutWrites(patchMe(Json.createObjectBuilder()
                .add("bio", Json.createObjectBuilder().add("text", "x")))), "bio");
    }

    @Test
    void oversizeBodyWithContentLengthIs413() {
        for (Request request : List.of(Request.of("POST", REGISTER), Request.of("POST", LOGIN),
                                       Request.of("PATCH", ME).bearer(accessToken))) {
            assertProblem(rejectedWithoutWrites(request.body("application/json", oversizeRegistration())), 413);
        }
    }

    @Test
    void oversizeChunkedBodyIs413() {
        // No Content-Length to go by: the limit must hold while the body streams in.
        assertProblem(rejectedWithoutWrites(() -> chunkedPost(REGISTER, oversizeRegistration())), 413);
    }

    @Test
    void bodyAtTheLimitIsReadNotRefusedAsTooLarge() {
        // Control for the 413s: a padded body of exactly 64 KiB gets past the size check to validation.
        JsonObject padded = registration(UserJourney.newEmail(), "short", "Ada").build();
        String filler = "x".repeat(64 * 1024 - padded.toString().length() - ",\"padding\":\"\"".length());
        byte[] body = Json.createObjectBuilder(padded).add("padding", filler).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(64 * 1024, body.length);
        assertInvalidFields(rejectedWithoutWrites(Request.of("POST", REGISTER).body("application/json", body)),
                            "password");
    }

    @Test
    void nonJsonContentTypeIs415() {
        byte[] json = registration(UserJourney.newEmail(), UserJourney.PASSWORD, "Ada").build().toString()
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(rejectedWithoutWrites(Request.of("POST", REGISTER).body("text/plain", json)), 415);
        assertProblem(rejectedWithoutWrites(Request.of("POST", REGISTER).body(
                "application/x-www-form-urlencoded",
                "email=a%40example.com&password=Correct-Horse-9&displayName=Ada".getBytes(StandardCharsets.UTF_8))),
                      415);
        assertProblem(rejectedWithoutWrites(Request.of("PATCH", ME).bearer(accessToken)
                                                    .body("text/plain", "{\"bio\":\"x\"}".getBytes(
                                                            StandardCharsets.UTF_8))), 415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@b", "two@@example.com", "with space@example.com", "@example.com",
            "trailing@"})
    void badEmailIs400(String badEmail) {
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, registration(badEmail, UserJourney.PASSWORD, "Ada"))),
                            "email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "alllowercase1", "NoDigitsHere", "ALLUPPERCASE1", "Sh0rt-1"})
    void weakPasswordIs400(String weak) {
        String address = UserJourney.newEmail();
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, registration(address, weak, "Ada"))), "password");
        assertFalse(cognitoHas(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "Ada\u0000Lovelace"})
    void blankOrControlDisplayNameIs400(String displayName) {
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, registration(UserJourney.newEmail(),
                                                                                UserJourney.PASSWORD, displayName))),
                            "displayName");
    }

    @Test
    void displayNameOf51CharactersIs400And50IsAccepted() {
        assertInvalidFields(rejectedWithoutWrites(post(REGISTER, registration(UserJourney.newEmail(),
                                                                                UserJourney.PASSWORD, "n".repeat(51)))),
                            "displayName");
        Response fifty = api.send(post(REGISTER, registration(UserJourney.newEmail(), UserJourney.PASSWORD,
                                                              "n".repeat(50))));
        assertEquals(201, fifty.status(), fifty::toString);
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        Response response = rejectedWithoutWrites(post(REGISTER, registration("nope", "weak", "")));
        assertEquals(Set.of("email", "password", "displayName"), fields(assertProblem(response, 400)));
    }

    @Test
    void duplicateEmailIs409() {
        assertProblem(rejectedWithoutWrites(post(REGISTER, registration(email, UserJourney.PASSWORD, "Again"))), 409);
        // Addresses are compared case-insensitively, like Cognito's email user names.
        String shouted = email.toUpperCase(Locale.ROOT);
        assertProblem(rejectedWithoutWrites(post(REGISTER, registration(shouted, UserJourney.PASSWORD, "Again"))),
                      409);
    }

    @Test
    void bioOf501CharactersIs400AndLeavesTheProfileUnchanged() {
        JsonObject before = me();
        assertInvalidFields(rejectedWithoutWrites(patchMe(Json.createObjectBuilder().add("bio", "b".repeat(501)))),
                            "bio");
        // A valid field next to the invalid one must not be applied either.
        assertInvalidFields(rejectedWithoutWrites(patchMe(Json.createObjectBuilder()
                .add("displayName", "Renamed").add("bio", "b".repeat(501)))), "bio");
        assertInvalidFields(rejectedWithoutWrites(patchMe(Json.createObjectBuilder()
                .add("displayName", "d".repeat(51)).add("bio", "fine"))), "displayName");
        assertEquals(before, me());
        assertEquals(before.getString("displayName"), profileColumn("display_name"));

        Response fiveHundred = api.send(patchMe(Json.createObjectBuilder().add("bio", "b".repeat(500))));
        assertEquals(200, fiveHundred.status(), fiveHundred::toString);
        assertEquals(500, me().getString("bio").length());
    }

    @Test
    void unknownFieldsAreIgnored() {
        Response registered = api.send(post(REGISTER, registration(UserJourney.newEmail(), UserJourney.PASSWORD, "Ada")
                .add("favouriteColour", "teal")
                .add("nested", Json.createObjectBuilder().add("deep", Json.createArrayBuilder().add(1)))));
        assertEquals(201, registered.status(), registered::toString);
        assertEquals("Ada", registered.json().getString("displayName"));
    }

    @Test
    void userIdFromTheBodyIsNeverTaken() {
        String chosen = UUID.randomUUID().toString();
        String address = UserJourney.newEmail();
        Response registered = api.send(post(REGISTER, registration(address, UserJourney.PASSWORD, "Ada")
                .add("userId", chosen)));
        assertEquals(201, registered.status(), registered::toString);
        String userId = registered.json().getString("userId");
        assertNotEquals(chosen, userId);
        assertEquals(cognitoSub(address), userId);
        assertEquals(0, countProfiles("user_id = '" + chosen + "'::uuid"));
        assertEquals(404, api.get("/api/users/" + chosen).status());
    }

    @Test
    void serverOwnedFieldsInAPatchAreIgnored() {
        String victimEmail = UserJourney.newEmail();
        UserJourney.signedUp(api, victimEmail);
        String victimId = cognitoSub(victimEmail);
        JsonObject victimBefore = api.get("/api/users/" + victimId).json();
        JsonObject before = me();

        Response patched = api.send(patchMe(Json.createObjectBuilder()
                .add("userId", victimId)
                .add("email", victimEmail)
                .add("createdAt", "2000-01-01T00:00:00Z")
                .add("bio", "mine")));
        assertEquals(200, patched.status(), patched::toString);
        JsonObject after = me();
        assertEquals("mine", after.getString("bio"));
        assertEquals(before.getString("userId"), after.getString("userId"));
        assertEquals(before.getString("email"), after.getString("email"));
        assertEquals(before.getString("createdAt"), after.getString("createdAt"));
        assertEquals(before.keySet(), after.keySet(), "no field the server owns appears or goes");
        assertEquals(victimBefore, api.get("/api/users/" + victimId).json());
    }

    private Response rejectedWithoutWrites(Request request) {
        return rejectedWithoutWrites(() -> api.send(request));
    }

    /** Sends the request and asserts that it changed neither the profile table nor the user pool. */
    private Response rejectedWithoutWrites(Supplier<Response> send) {
        long profiles = countProfiles("true");
        long accounts = cognitoUsers().size();
        Response response = send.get();
        assertEquals(profiles, countProfiles("true"), () -> "a profile was written by a refused request: " + response);
        assertEquals(accounts, cognitoUsers().size(), () -> "an account was created by a refused request: " + response);
        return response;
    }

    private List<Request> everyBodyRoute(byte[] body) {
        return List.of(Request.of("POST", REGISTER).body("application/json", body),
                       Request.of("POST", LOGIN).body("application/json", body),
                       Request.of("POST", CONFIRM).body("application/json", body),
                       Request.of("POST", REFRESH).body("application/json", body),
                       Request.of("PATCH", ME).bearer(accessToken).body("application/json", body));
    }

    private static Request post(String path, JsonObjectBuilder body) {
        return Request.of("POST", path).json(body.build());
    }

    private Request patchMe(JsonObjectBuilder body) {
        return Request.of("PATCH", ME).bearer(accessToken).json(body.build());
    }

    private static JsonObjectBuilder registration(String email, String password, String displayName) {
        return Json.createObjectBuilder().add("email", email).add("password", password).add("displayName",
                                                                                             displayName);
    }

    /** A registration that would succeed but for its size. */
    private static byte[] oversizeRegistration() {
        JsonObject valid = registration(UserJourney.newEmail(), UserJourney.PASSWORD, "Ada").build();
        return Json.createObjectBuilder(valid).add("padding", "x".repeat(OVERSIZE)).build().toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private JsonObject me() {
        Response me = api.send(Request.of("GET", ME).bearer(accessToken));
        assertEquals(200, me.status(), me::toString);
        return me.json();
    }

    private Response chunkedPost(String path, byte[] body) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(OriginGuard.HEADER.defaultCase(), TestStack.ORIGIN_VALUE)
                // An input stream has no known length, so the client sends Transfer-Encoding: chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                                                                           String.join(", ", values)));
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<UserType> cognitoUsers() {
        return COGNITO.listUsersPaginator(b -> b.userPoolId(TestStack.shared().pool().poolId())).users().stream()
                .toList();
    }

    private boolean cognitoHas(String address) {
        return cognitoUsers().stream().anyMatch(u -> u.attributes().stream()
                .anyMatch(a -> a.name().equals("email") && a.value().equalsIgnoreCase(address)));
    }

    private String cognitoSub(String address) {
        return cognitoUsers().stream()
                .filter(u -> u.attributes().stream()
                        .anyMatch(a -> a.name().equals("email") && a.value().equals(address)))
                .flatMap(u -> u.attributes().stream())
                .filter(a -> a.name().equals("sub"))
                .findFirst().orElseThrow().value();
    }

    private static long countProfiles(String condition) {
        try (Connection connection = TestStack.shared().database().adminDataSource().getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM users.profiles WHERE " + condition);
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String profileColumn(String column) {
        try (Connection connection = TestStack.shared().database().adminDataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + column + " FROM users.profiles WHERE lower(email) = lower(?)")) {
            select.setString(1, email);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "the profile row is missing");
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
