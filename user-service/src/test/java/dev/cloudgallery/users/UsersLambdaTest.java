package dev.cloudgallery.users;

import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.LambdaApi;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user API as deployed: API Gateway v2 events through the real Lambda Runtime Interface Client, in its own
 * JVM, to {@link UsersLambda} configured only by environment variables.
 */
class UsersLambdaTest {
    private static LambdaRuntimeHarness harness;
    private static Api api;

    @BeforeAll
    static void startFunction() {
        harness = LambdaRuntimeHarness.start(UsersLambda.class.getName() + "::handleRequest",
                                             TestStack.shared().serviceEnvironment("users"));
        api = new LambdaApi(harness);
    }

    @AfterAll
    static void stopFunction() {
        harness.close();
    }

    @Test
    void fullJourney() {
        UserJourney.run(api);
    }

    @Test
    void errorsAreProblemsWithARequestId() {
        Api.Response missing = api.get("/api/users/me");
        assertEquals(401, missing.status(), missing::toString);
        assertEquals("application/problem+json", missing.header("content-type"));
        assertTrue(missing.header("www-authenticate").startsWith("Bearer"));
        assertTrue(missing.header("x-request-id") != null && !missing.header("x-request-id").isBlank());
    }

    @Test
    void healthAnswers() {
        Api.Response health = api.get("/api/users/health");
        assertEquals(200, health.status(), health::toString);
    }

    @Test
    void missingConfigurationFailsTheInit() {
        // No AUTH_ISSUER: the service must refuse to start, so Lambda reports an init error instead of serving.
        var environment = new java.util.HashMap<>(TestStack.shared().serviceEnvironment("users"));
        environment.remove("AUTH_ISSUER");
        try (LambdaRuntimeHarness broken = LambdaRuntimeHarness.start(UsersLambda.class.getName() + "::handleRequest",
                                                                      environment)) {
            assertTrue(broken.initError(java.time.Duration.ofSeconds(60)).isPresent(), broken::output);
        }
    }
}
