package dev.cloudgallery.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.LambdaApi;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cold start of each service image in Lambda mode, from the function's process start (as the Docker engine records
 * it) to its first response through the Runtime API harness, with a real database and Cognito emulator behind it.
 * It compares the image as built with the JVM's default flags and with an application class-data archive (AppCDS)
 * made by the image's own JVM in a training run. Printed, not asserted; run by {@code make bench}.
 */
class ColdStartBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @Test
    void coldStartOfEachImage() throws IOException {
        for (ServiceImage image : ServiceImage.values()) {
            List<String> entrypoint = image.tar().strings("Entrypoint");
            Map<String, String> environment = TestStack.shared().serviceEnvironment(image.schema());
            Containers.LambdaLauncher asBuilt = Containers.lambda(image.load(), image.handler());

            measure(image, "as built (C1 only, SerialGC)", environment, asBuilt);
            List<String> defaults = new ArrayList<>(entrypoint);
            defaults.removeAll(LAMBDA_FLAGS);
            measure(image, "default JVM flags", environment, asBuilt.with(entrypoint(defaults)));

            Path archives = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cds");
            // The image's user (uid 1000) writes the archive into this host folder.
            Files.setPosixFilePermissions(archives, PosixFilePermissions.fromString("rwxrwxrwx"));
            Containers.LambdaLauncher training = asBuilt
                    .with(entrypoint(withFlag(entrypoint, "-XX:ArchiveClassesAtExit=/cds/app.jsa")))
                    .with(container -> container.withFileSystemBind(archives.toString(), "/cds", BindMode.READ_WRITE));
            // The archive is written when the JVM exits, i.e. when the harness stops the container.
            measure(image, "AppCDS training run", environment, training, 1);
            assertTrue(Files.size(archives.resolve("app.jsa")) > 0, "no archive written");
            measure(image, "with the AppCDS archive", environment, asBuilt
                    .with(entrypoint(withFlag(entrypoint, "-XX:SharedArchiveFile=/cds/app.jsa")))
                    .with(container -> container.withFileSystemBind(archives.toString(), "/cds", BindMode.READ_ONLY)));
        }
    }

    private static void measure(ServiceImage image, String variant, Map<String, String> environment,
                                Containers.LambdaLauncher launcher) {
        measure(image, variant, environment, launcher, RUNS);
    }

    private static void measure(ServiceImage image, String variant, Map<String, String> environment,
                                Containers.LambdaLauncher launcher, int runs) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (LambdaRuntimeHarness function = LambdaRuntimeHarness.start(image.handler(), environment, launcher)) {
                Response health = new LambdaApi(function).get("/api/" + image.schema() + "/health");
                Instant answered = Instant.now();
                assertEquals(200, health.status(), health::toString);
                millis.add(Duration.between(launcher.processStart(), answered).toMillis());
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("%-16s %-30s median %5d ms  (runs: %s)%n", image.module(), variant,
                          sorted.get(sorted.size() / 2), millis);
    }

    private static List<String> withFlag(List<String> entrypoint, String flag) {
        List<String> changed = new ArrayList<>(entrypoint);
        changed.add(1, flag);
        return changed;
    }

    private static java.util.function.UnaryOperator<GenericContainer<?>> entrypoint(List<String> entrypoint) {
        return container -> container.withCreateContainerCmdModifier(create -> create.withEntrypoint(entrypoint));
    }
}
