package dev.cloudgallery.users;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.cloudgallery.localaws.CognitoLocal;
import dev.cloudgallery.platform.http.Problems;
import dev.cloudgallery.platform.security.Authenticator;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.Tokens;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.HttpApi;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.cloudgallery.users.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token check starts in the background and must fail closed: while the pool's keys can't be fetched, a protected
 * route answers 503 (never lets the request through), the service's other routes keep working, and once the keys
 * can be fetched again the check starts and accepts a genuine token, without a restart.
 */
class TokenCheckStartTest {
    private static final CognitoLocal.Pool POOL = TestStack.shared().pool();
    private static final Tokens TOKENS = Tokens.forPool(POOL);
    private static final AtomicBoolean KEYS_REACHABLE = new AtomicBoolean(false);

    private static WebServer keys;
    private static WebServer service;

    @BeforeAll
    static void start() throws IOException {
        byte[] jwks;
        try (InputStream in = URI.create(POOL.issuer() + "/.well-known/jwks.json").toURL().openStream()) {
            jwks = in.readAllBytes();
        }
        // The pool's own keys behind an issuer whose key endpoint fails until told otherwise.
        keys = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.get("/pool/.well-known/jwks.json", (req, res) -> {
                    if (KEYS_REACHABLE.get()) {
                        res.send(jwks);
                    } else {
                        res.status(503).send();
                    }
                }).get("/silent/.well-known/jwks.json", (req, res) -> {
                    // Answers long after the authenticator has given up on it.
                    Thread.sleep(5_000);
                    res.status(503).send();
                }))
                .build().start();
        Authenticator auth = Authenticator.create(Config.just(ConfigSources.create(Map.of(
                "issuer", issuer(), "client-ids", POOL.clientId()))));
        service = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> {
                    Problems.register(routing);
                    routing.get("/open", (req, res) -> res.send("open"))
                            .get("/me", auth.required((req, res, caller) -> res.send(caller.userId())));
                })
                .build().start();
    }

    @AfterAll
    static void stop() {
        service.stop();
        keys.stop();
    }

    @Test
    void failsClosedWhileThePoolsKeysAreUnreachableAndRecoversWithoutARestart() {
        Api api = HttpApi.onPort(service.port());
        String userId = UUID.randomUUID().toString();
        Api.Request me = Api.Request.of("GET", "/me")
                .bearer(TOKENS.signedByPool(TOKENS.accessClaims(userId).issuer(issuer()).build()));

        Api.Response refused = api.send(me);
        assertProblem(refused, 503);
        assertEquals("5", refused.header("retry-after"), refused::toString);
        assertEquals(200, api.get("/open").status());

        KEYS_REACHABLE.set(true);
        // A start that was already under way when the keys came back may fail once more; the one after can't.
        Api.Response answer = api.send(me);
        if (answer.status() == 503) {
            answer = api.send(me);
        }
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(userId, answer.text());
    }

    @Test
    void aPoolThatNeverAnswersEndsInA503NotInAWaitWithoutEnd() {
        String issuer = "http://127.0.0.1:" + keys.port() + "/silent";
        Authenticator auth = Authenticator.create(Config.just(ConfigSources.create(Map.of(
                "issuer", issuer, "client-ids", POOL.clientId(), "start-timeout", "PT0.5S"))));
        WebServer silent = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> {
                    Problems.register(routing);
                    routing.get("/me", auth.required((req, res, caller) -> res.send(caller.userId())));
                })
                .build().start();
        try {
            Api.Request me = Api.Request.of("GET", "/me").bearer(TOKENS.signedByPool(
                    TOKENS.accessClaims(UUID.randomUUID().toString()).issuer(issuer).build()));
            long start = System.nanoTime();
            assertProblem(HttpApi.onPort(silent.port()).send(me), 503);
            assertTrue(System.nanoTime() - start < 4_000_000_000L, "answered before the pool did");
        } finally {
            silent.stop();
        }
    }

    private static String issuer() {
        return "http://127.0.0.1:" + keys.port() + "/pool";
    }
}
