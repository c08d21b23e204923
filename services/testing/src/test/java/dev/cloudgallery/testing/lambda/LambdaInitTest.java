package dev.cloudgallery.testing.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness.FunctionError;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the runtime makes of a function that can't start, or that gets an event it wasn't built for. */
class LambdaInitTest {
    @Test
    void aStarterThatThrowsEndsInAnInitErrorAndExit() {
        try (LambdaRuntimeHarness harness = LambdaRuntimeHarness.start(FailingLambda.class.getName(), Map.of())) {
            Optional<JsonObject> initError = harness.initError(Duration.ofSeconds(30));

            assertTrue(initError.isPresent(), "the RIC reports /init/error");
            assertEquals("java.lang.IllegalStateException", initError.get().getString("errorType"));
            assertTrue(initError.get().getString("errorMessage").contains("database unreachable"),
                       initError.get()::toString);
            OptionalInt exit = harness.awaitExit(Duration.ofSeconds(10));
            assertTrue(exit.isPresent(), "the process exits");
            assertNotEquals(0, exit.getAsInt());
            assertFalse(harness.processAlive());
            IllegalStateException invoke = assertThrows(IllegalStateException.class,
                    () -> harness.invoke(ApiGatewayEvents.request("GET", "/echo").build()));
            assertTrue(invoke.getMessage().contains("failed to initialise"), invoke::getMessage);
        }
    }

    @Test
    void aFunctionWithoutSqsHandlerFailsSqsEvents() {
        try (LambdaRuntimeHarness harness = LambdaRuntimeHarness.start(HttpOnlyEchoLambda.class.getName(), Map.of())) {
            FunctionError error = assertThrows(FunctionError.class, () -> harness.invoke(SqsEvents.batch("x")));

            assertEquals("java.lang.IllegalStateException", error.errorType());
            assertEquals(200, ApiGatewayEvents.request("GET", "/echo").invoke(harness).status());
        }
    }
}
