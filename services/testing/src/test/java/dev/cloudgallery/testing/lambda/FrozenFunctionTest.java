package dev.cloudgallery.testing.lambda;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A function frozen between invocations, as Lambda freezes one. On thawing, the server's idle-connection timer and
 * the next request wake together, so the adapter must not send that request on a connection the server may be
 * closing: it reuses a loopback connection only after a pause shorter than half the server's idle timeout. The
 * timeout is shortened here to make the freezes short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenFunctionTest {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(8);

    private LambdaRuntimeHarness harness;

    @BeforeAll
    void start() {
        harness = LambdaRuntimeHarness.start(EchoLambda.class.getName(), Map.of(), List.of(
                "-Dserver.idle-connection-timeout=" + IDLE_TIMEOUT, "-Dserver.idle-connection-period=PT0.05S"));
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void aShortPauseReusesTheConnectionALongerOneOpensANewOne() {
        int first = peerPort(post().invoke(harness));
        assertEquals(first, peerPort(post().invoke(harness)), "back-to-back requests share a connection");

        // Longer than half the idle timeout, shorter than the timeout: the server would still accept the old one.
        int afterPause = peerPort(post().invokeAfterFreeze(harness, IDLE_TIMEOUT.multipliedBy(3).dividedBy(4)));
        assertNotEquals(first, afterPause, "a connection idle for over half the server's timeout is not reused");
    }

    @Test
    void requestsRightAfterAFreezeLongerThanTheIdleTimeoutAreAnswered() {
        // Not idempotent, so the JDK's client would not quietly retry it on a closed connection.
        assertEquals(200, post().invoke(harness).status(), "before the freeze");
        assertEquals(200, post().invokeAfterFreeze(harness, IDLE_TIMEOUT.plusSeconds(1)).status(),
                     "right after thawing");
    }

    private static ApiGatewayEvents.Request post() {
        return ApiGatewayEvents.request("POST", "/echo").body("{}");
    }

    private static int peerPort(ApiGatewayEvents.Response response) {
        assertEquals(200, response.status(), response::toString);
        return response.bodyJson().getInt("peerPort");
    }
}
