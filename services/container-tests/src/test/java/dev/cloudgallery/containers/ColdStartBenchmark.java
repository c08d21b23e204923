package dev.cloudgallery.containers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.bench.BenchReport;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cold start of each service image in Lambda mode, from the function's process start (as the Docker engine records
 * it) to its first response through the Runtime API harness, with a real database and Cognito emulator behind it:
 * the image as built, then without its class-data archive, then with the JVM's default flags as well. Printed, not
 * asserted; run by {@code make bench}, which also finds the figures in {@code target/bench/report.json}.
 */
class ColdStartBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", System.getenv("BENCH_QUICK") != null ? 2 : 5);
    private static final String ARCHIVE = "-XX:SharedArchiveFile=" + ServiceImage.CLASS_DATA_ARCHIVE;
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", ARCHIVE);

    @Test
    void coldStartOfEachImage() {
        for (ServiceImage image : ServiceImage.values()) {
            List<String> entrypoint = image.tar().strings("Entrypoint");
            Map<String, String> environment = TestStack.shared().serviceEnvironment(image.schema());
            Containers.LambdaLauncher asBuilt = Containers.lambda(image.load(), image.handler());

            measure(image, "", "as built (C1, SerialGC, AppCDS)", environment, asBuilt);
            measure(image, " without archive", "without the AppCDS archive", environment,
                    asBuilt.with(entrypoint(without(entrypoint, List.of(ARCHIVE)))));
            measure(image, " JVM defaults", "JVM defaults", environment,
                    asBuilt.with(entrypoint(without(entrypoint, LAMBDA_FLAGS))));
        }
    }

    /** Measures a variant and adds it to the report as {@code coldStartMs."<module><suffix>"}. */
    private static void measure(ServiceImage image, String suffix, String variant, Map<String, String> environment,
                                Containers.LambdaLauncher launcher) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Containers.ColdStart coldStart = launcher.coldStart(image, environment);
            assertEquals(200, coldStart.health().status(), coldStart.health()::toString);
            millis.add(coldStart.time().toMillis());
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("%-16s %-32s median %5d ms  (runs: %s)%n", image.module(), variant,
                          sorted.get(sorted.size() / 2), millis);
        BenchReport.add("coldStartMs", image.module() + suffix,
                        BenchReport.summary(millis.stream().map(Long::doubleValue).toList()));
    }

    private static List<String> without(List<String> entrypoint, List<String> flags) {
        List<String> changed = new ArrayList<>(entrypoint);
        changed.removeAll(flags);
        return changed;
    }

    private static UnaryOperator<GenericContainer<?>> entrypoint(List<String> entrypoint) {
        return container -> container.withCreateContainerCmdModifier(create -> create.withEntrypoint(entrypoint));
    }
}
