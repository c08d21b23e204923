package dev.cloudgallery.testing.lambda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cloudgallery.testing.bench.BenchReport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The floor under every service's cold start: how long a trivial function takes from process start to its first
 * response through the real RIC, with the JVM's default flags and with the images' Lambda flags. Printed, not
 * asserted; run by {@code make bench}, not by {@code make test}.
 */
class ColdStartBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", System.getenv("BENCH_QUICK") != null ? 2 : 5);

    @Test
    void measureTimeToFirstResponse() {
        measure("default JVM flags", "floor JVM defaults", List.of());
        // The images' flags: the floor the services are compared with in the report.
        measure("C1 only, SerialGC", "floor", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    private static void measure(String label, String variant, List<String> jvmOptions) {
        List<Long> init = new ArrayList<>();
        List<Long> firstResponse = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            try (LambdaRuntimeHarness harness =
                         LambdaRuntimeHarness.start(EchoLambda.class.getName(), Map.of(), jvmOptions)) {
                assertEquals(200, ApiGatewayEvents.request("GET", "/echo").invoke(harness).status());
                init.add(harness.initTime().map(Duration::toMillis).orElse(-1L));
                firstResponse.add(harness.timeToFirstResponse().map(Duration::toMillis).orElse(-1L));
            }
        }
        System.out.printf("cold start (%s, %d runs): init %s ms, first response %s ms, median %d ms%n",
                          label, RUNS, init, firstResponse, firstResponse.stream().sorted().toList().get(RUNS / 2));
        BenchReport.add("coldStartMs", variant,
                        BenchReport.summary(firstResponse.stream().map(Long::doubleValue).toList()));
    }
}
