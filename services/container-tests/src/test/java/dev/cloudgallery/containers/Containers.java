package dev.cloudgallery.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.LambdaApi;
import dev.cloudgallery.testing.bench.BenchReport;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;

import com.github.dockerjava.api.exception.NotModifiedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.utility.DockerImageName;

/**
 * Service images started by Testcontainers on the host's network, so they reach what the tests run on loopback:
 * the Lambda Runtime API harness, PostgreSQL and cognito-local.
 */
final class Containers {
    private Containers() {
    }

    /** A container of an image this build loaded into the engine; not started. */
    static GenericContainer<?> local(String image) {
        // No registry is reachable from every machine: a missing image fails at once instead of waiting on a pull.
        return new GenericContainer<>(DockerImageName.parse(image)).withImagePullPolicy(name -> false);
    }

    /** A container of {@code image} on the host network with {@code environment}; not started. */
    static GenericContainer<?> onHostNetwork(String image, Map<String, String> environment, Path log) {
        return local(image)
                .withNetworkMode("host")
                .withEnv(environment)
                .withLogConsumer(frame -> append(log, frame));
    }

    /**
     * Starts the image as Lambda does: its own entrypoint (the runtime interface client) with {@code command} as the
     * image command, i.e. the handler, and the function's environment from the harness.
     */
    static LambdaLauncher lambda(String image, String command) {
        return new LambdaLauncher(image, command, UnaryOperator.identity());
    }

    /** Starts a Lambda-mode container, and remembers it so its start can be timed. */
    static final class LambdaLauncher implements LambdaRuntimeHarness.Launcher {
        private final String image;
        private final String command;
        private final UnaryOperator<GenericContainer<?>> customizer;
        private volatile GenericContainer<?> started;

        private LambdaLauncher(String image, String command, UnaryOperator<GenericContainer<?>> customizer) {
            this.image = image;
            this.command = command;
            this.customizer = customizer;
        }

        /** The same launch with the container changed before it starts, e.g. other JVM flags or a mount. */
        LambdaLauncher with(UnaryOperator<GenericContainer<?>> change) {
            return new LambdaLauncher(image, command, container -> change.apply(customizer.apply(container)));
        }

        @Override
        public LambdaRuntimeHarness.Runtime launch(Map<String, String> environment, Path log) {
            GenericContainer<?> container = customizer.apply(onHostNetwork(image, environment, log)
                                                                     .withCommand(command));
            container.start();
            started = container;
            return new Running(container);
        }

        /** When the function's process started, as the Docker engine recorded it. */
        Instant processStart() {
            return Instant.parse(started.getContainerInfo().getState().getStartedAt());
        }

        /**
         * A cold start: starts the function, sends it {@code first} and stops it again. The time runs from the
         * function's process start to its answer.
         */
        ColdStart coldStart(Api.Request first, Map<String, String> environment) {
            try (LambdaRuntimeHarness function = LambdaRuntimeHarness.start(command, environment, this)) {
                Response response = new LambdaApi(function).send(first);
                return new ColdStart(response, Duration.between(processStart(), Instant.now()));
            }
        }

        /**
         * Starts the function and sends it {@code request} {@code times} times, each answer must be 200; then reads
         * the peak resident set of its process (VmHWM of PID 1, the JVM) before stopping it.
         */
        WarmRun warmRun(Api.Request request, Map<String, String> environment, int times) {
            try (LambdaRuntimeHarness function = LambdaRuntimeHarness.start(command, environment, this)) {
                Api api = new LambdaApi(function);
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < times; i++) {
                    long start = System.nanoTime();
                    Response response = api.send(request);
                    millis.add((System.nanoTime() - start) / 1e6);
                    if (response.status() != 200) {
                        throw new AssertionError("request " + (i + 1) + " of the warm run: " + response);
                    }
                }
                return new WarmRun(peakResidentSetBytes(), millis);
            }
        }

        private long peakResidentSetBytes() {
            try {
                String status = started.execInContainer("cat", "/proc/1/status").getStdout();
                return status.lines().filter(line -> line.startsWith("VmHWM:"))
                        .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no VmHWM in /proc/1/status: " + status));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The first answer of a freshly started function, and how long after its process start it came. */
    record ColdStart(Response response, Duration time) {
    }

    /** A function's peak resident set after a run of requests, and how long each request took. */
    record WarmRun(long peakRssBytes, List<Double> millis) {
        double medianMillis() {
            return BenchReport.summary(millis).getJsonNumber("median").doubleValue();
        }
    }

    /** As {@link #onHostNetwork}, running the service's {@code Main} from the image's class path instead. */
    static GenericContainer<?> httpServer(ServiceImage image, Map<String, String> environment, Path log) {
        return onHostNetwork(image.load(), environment, log)
                .withCreateContainerCmdModifier(create -> create.withEntrypoint(
                        List.of("java", "-cp", ServiceImage.CLASS_PATH)))
                .withCommand(image.mainClass());
    }

    /** Polls {@code path} until it answers 200; fails with the last answer after {@code timeout}. */
    static Response awaitHealthy(Api api, String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Response response = api.get(path);
                if (response.status() == 200) {
                    return response;
                }
                last = response + " " + response.text();
            } catch (UncheckedIOException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(path + " did not answer 200 within " + timeout + ": " + last);
    }

    private static void append(Path log, OutputFrame frame) {
        try {
            Files.writeString(log, frame.getUtf8String(), StandardCharsets.UTF_8,
                              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started container as the harness's runtime; its exit is awaited from the Docker engine. */
    private static final class Running implements LambdaRuntimeHarness.Runtime {
        /** Long enough for a training run's JVM to write its archive on the way out. */
        private static final int STOP_TIMEOUT_SECONDS = 30;
        private final GenericContainer<?> container;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        Running(GenericContainer<?> container) {
            this.container = container;
            Thread.ofVirtual().start(() -> {
                try {
                    exit.complete(DockerClientFactory.instance().client()
                                          .waitContainerCmd(container.getContainerId()).start().awaitStatusCode());
                } catch (RuntimeException e) {
                    exit.completeExceptionally(e);
                }
            });
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }

        @Override
        public void stop() {
            try {
                DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId())
                        .withTimeout(STOP_TIMEOUT_SECONDS).exec();
            } catch (NotModifiedException alreadyStopped) {
                // It ended on its own.
            }
            container.stop();
        }
    }
}
