package dev.cloudgallery.users;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;

import dev.cloudgallery.localaws.CognitoLocal;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.Tokens;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.HttpApi;

import com.nimbusds.jwt.JWTClaimsSet;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

import static dev.cloudgallery.users.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bearer-token checks on a protected route. Every forged token carries the claims of a real, registered, signed-in
 * user and differs from a token the service accepts in exactly one respect, so each 401 proves one check.
 */
@ServerTest
class TokenValidationTest {
    private static final String ME = "/api/users/me";

    private static final CognitoLocal.Pool POOL = TestStack.shared().pool();
    private static final Tokens TOKENS = Tokens.forPool(POOL);

    private static Api api;
    private static String email;
    private static String userId;
    private static JsonObject login;
    private static String otherClientId;
    private static String otherClientAccessToken;

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, TestStack.shared().serviceConfig("users"));
    }

    @BeforeAll
    static void signUpAUserAndASecondAppClient(WebServer server) {
        api = HttpApi.onPort(server.port());
        email = UserJourney.newEmail();
        login = UserJourney.signedUp(api, email);
        userId = api.send(Request.of("GET", ME).bearer(login.getString("accessToken"))).json().getString("userId");

        // A second app client of the same pool: its tokens are genuine, signed by the pool, yet meant for another
        // application, which this service must not trust.
        try (CognitoIdentityProviderClient cognito = TestStack.shared().cognito().client()) {
            otherClientId = cognito.createUserPoolClient(b -> b
                    .userPoolId(POOL.poolId())
                    .clientName("another-app")
                    .generateSecret(false)
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                       ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();
            otherClientAccessToken = cognito.initiateAuth(b -> b
                    .clientId(otherClientId)
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", email, "PASSWORD", UserJourney.PASSWORD)))
                    .authenticationResult().accessToken();
        }
        assertNotEquals(POOL.clientId(), otherClientId);
    }

    @Test
    void noAuthorizationHeaderIs401() {
        assertUnauthorized(api.get(ME));
    }

    @Test
    void accessTokenFromARealLoginIsAccepted() {
        Response me = api.send(Request.of("GET", ME).bearer(login.getString("accessToken")));
        assertEquals(200, me.status(), me::toString);
        assertEquals(userId, me.json().getString("userId"));
        assertEquals(email, me.json().getString("email"));
    }

    /** The control for every minted token below: unaltered claims signed with the pool's key pass. */
    @Test
    void tokenMintedWithThePoolKeyAndGenuineClaimsIsAccepted() {
        Response me = api.send(Request.of("GET", ME).bearer(TOKENS.signedByPool(valid().build())));
        assertEquals(200, me.status(), me::toString);
        assertEquals(userId, me.json().getString("userId"));
    }

    @Test
    void genuineTokenOfTheOtherClientIsAcceptedByCognitoItself() {
        // Proves the other client's token is valid for its own client, so its refusal here is about client_id.
        try (CognitoIdentityProviderClient cognito = TestStack.shared().cognito().client()) {
            assertEquals(email, cognito.getUser(b -> b.accessToken(otherClientAccessToken)).userAttributes().stream()
                    .filter(a -> a.name().equals("email")).findFirst().orElseThrow().value());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorizations")
    void badAuthorizationIs401(String kind, String authorization) {
        Response response = api.send(Request.of("GET", ME).header("Authorization", authorization));
        assertAll(kind, () -> assertUnauthorized(response));
    }

    static Stream<Arguments> badAuthorizations() {
        Instant now = Instant.now();
        return Stream.of(
                bearer("signed by a stranger's key", TOKENS.signedByStranger(valid().build())),
                bearer("unsigned (alg: none)", TOKENS.unsigned(valid().build())),
                bearer("expired", TOKENS.signedByPool(valid()
                        .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10))))
                        .build())),
                bearer("issued by another Cognito pool", TOKENS.signedByPool(valid()
                        .issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Someone")
                        .build())),
                // cognito-local signs every pool with one key, like a forged pool on the same host would.
                bearer("issued by another pool of the same emulator", TOKENS.signedByPool(valid()
                        .issuer(TestStack.shared().cognito().endpoint() + "/local_otherpool")
                        .build())),
                bearer("ID token (minted)", TOKENS.signedByPool(valid()
                        .claim("token_use", "id")
                        .audience(POOL.clientId())
                        .build())),
                bearer("ID token (from the real login)", login.getString("idToken")),
                bearer("another client's token (minted)", TOKENS.signedByPool(valid()
                        .claim("client_id", otherClientId)
                        .build())),
                bearer("another client's token (real login)", otherClientAccessToken),
                bearer("no client_id at all", TOKENS.signedByPool(valid().claim("client_id", null).build())),
                bearer("real access token with a rewritten subject", withRewrittenSubject(
                        login.getString("accessToken"), "0190c0de-0000-7000-8000-000000000000")),
                bearer("garbage", "not-a-jwt"),
                Arguments.of("Basic credentials", "Basic " + Base64.getEncoder().encodeToString(
                        (email + ":" + UserJourney.PASSWORD).getBytes(StandardCharsets.UTF_8))),
                Arguments.of("Bearer scheme without a token", "Bearer"));
    }

    private static JWTClaimsSet.Builder valid() {
        return TOKENS.accessClaims(userId);
    }

    private static Arguments bearer(String kind, String token) {
        return Arguments.of(kind, "Bearer " + token);
    }

    /** Keeps header and signature of a genuine token and swaps its payload for one naming another user. */
    private static String withRewrittenSubject(String jwt, String subject) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        JsonObject claims = Json.createReader(new java.io.StringReader(payload)).readObject();
        JsonObject forged = Json.createObjectBuilder(claims).add("sub", subject).add("username", subject).build();
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + encoded + "." + parts[2];
    }

    private static void assertUnauthorized(Response response) {
        assertProblem(response, 401);
        String challenge = response.header("www-authenticate");
        assertNotNull(challenge, response::toString);
        assertTrue(challenge.startsWith("Bearer"), response::toString);
        assertTrue(response.json().getString("type").endsWith("/unauthorized"), response::toString);
    }
}
