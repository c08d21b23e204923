package dev.cloudgallery.testing.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two functions starting at the same instant on one machine, as the harness starts them for two test classes or a
 * service and its worker: each RIC child must load its JNI library without the other overwriting it.
 */
class ConcurrentRuntimesTest {
    private static final int FUNCTIONS = 2;

    @Test
    void twoRuntimesStartedTogetherBothAnswer() throws Exception {
        CyclicBarrier together = new CyclicBarrier(FUNCTIONS);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(FUNCTIONS)) {
            for (int i = 0; i < FUNCTIONS; i++) {
                answers.add(threads.submit(() -> {
                    together.await();
                    try (LambdaRuntimeHarness harness =
                                 LambdaRuntimeHarness.start(EchoLambda.class.getName(), Map.of())) {
                        return ApiGatewayEvents.request("GET", "/echo").invoke(harness).status();
                    }
                }));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        }
    }
}
