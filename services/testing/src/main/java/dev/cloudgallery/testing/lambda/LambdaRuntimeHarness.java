package dev.cloudgallery.testing.lambda;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.cloudgallery.localaws.Server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Runs a Lambda handler the way AWS does, without AWS: this class serves the Lambda Runtime API on a loopback port
 * and starts the real runtime interface client (RIC) as a child JVM on the test's class path, so the handler goes
 * through the same init, invoke and error paths as in a deployed container image. A {@link Launcher} can start the
 * RIC elsewhere instead, e.g. in the service's container image.
 * <p>
 * The child starts from an empty environment, as in a Lambda execution environment, plus the variables a test
 * passes (the service's deploy-time settings), so a setting leaking from a developer's shell can't make a test pass.
 * Its output goes to {@code target/lambda-runtime/<handler>.log}, and the tail of the current run's part of that log
 * is added to every failure message.
 */
public final class LambdaRuntimeHarness implements AutoCloseable {
    /** How long {@link #invoke(JsonObject)} waits for an answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final String RUNTIME_API = "/2018-06-01/runtime/";
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Path LOG_DIR = Path.of("target", "lambda-runtime").toAbsolutePath();
    private static final int LOG_TAIL_CHARS = 6000;
    private static final JsonProvider JSON = JsonProvider.provider();

    private final String handler;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Path log;
    private final long logStart;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> sent = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonObject> initError = new CompletableFuture<>();
    private final AtomicReference<Duration> initTime = new AtomicReference<>();
    private final AtomicReference<Duration> firstResponseTime = new AtomicReference<>();
    private volatile long startNanos;
    private final Runtime runtime;
    private final CompletableFuture<Integer> exited;
    private volatile boolean closed;

    /** What runs the RIC against the harness's Runtime API. */
    public interface Runtime {
        /** Completes with the exit code when the runtime ends. */
        CompletableFuture<Integer> exit();

        /** Asks it to stop (SIGTERM), then forces it after a grace period; returns when it has ended. */
        void stop();

        /** Suspends every thread of the runtime, as Lambda freezes an environment between invocations. */
        default void suspend() {
            throw new UnsupportedOperationException("This runtime can't be frozen");
        }

        /** Lets a {@link #suspend suspended} runtime go on. */
        default void resume() {
            throw new UnsupportedOperationException("This runtime can't be frozen");
        }
    }

    /** Starts a {@link Runtime}. */
    @FunctionalInterface
    public interface Launcher {
        /**
         * @param environment the function's whole environment: Lambda's reserved variables, including
         *                    {@code AWS_LAMBDA_RUNTIME_API} on 127.0.0.1, and the function's own settings
         * @param log         where the runtime's stdout and stderr must go (appended)
         */
        Runtime launch(Map<String, String> environment, Path log) throws IOException;
    }

    private LambdaRuntimeHarness(String handler, Map<String, String> env, Launcher launcher) throws IOException {
        this.handler = handler;
        this.log = LOG_DIR.resolve(handler.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
        Files.createDirectories(LOG_DIR);
        Files.writeString(log, "=== " + Instant.now() + " " + handler + System.lineSeparator(),
                          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.logStart = Files.size(log);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(RUNTIME_API, this::serve);
        server.start();
        try {
            Map<String, String> environment = environment(env);
            startNanos = System.nanoTime();
            this.runtime = launcher.launch(environment, log);
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            executor.shutdownNow();
            throw e;
        }
        this.exited = runtime.exit();
    }

    /**
     * Starts the Runtime API and the RIC for a handler, e.g. {@code dev.cloudgallery.users.UsersLambda}. Returns as
     * soon as the child runs; init happens concurrently, and its outcome shows in the first {@link #invoke} or in
     * {@link #initError(Duration)}.
     *
     * @param env the function's environment variables (the service's config, e.g. {@code DB_URL})
     */
    public static LambdaRuntimeHarness start(String handler, Map<String, String> env) {
        return start(handler, env, List.of());
    }

    /** As {@link #start(String, Map)}, with extra JVM options for the child (e.g. the image's tuning flags). */
    public static LambdaRuntimeHarness start(String handler, Map<String, String> env, List<String> jvmOptions) {
        return start(handler, env, childJvm(handler, jvmOptions));
    }

    /**
     * As {@link #start(String, Map)}, with the RIC started by {@code launcher}; {@code handler} names the function
     * in the Runtime API and the log.
     */
    public static LambdaRuntimeHarness start(String handler, Map<String, String> env, Launcher launcher) {
        try {
            return new LambdaRuntimeHarness(handler, env, launcher);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the runtime for " + handler, e);
        }
    }

    /** Invokes the function with {@link #DEFAULT_TIMEOUT}. */
    public JsonObject invoke(JsonObject event) {
        return invoke(event, DEFAULT_TIMEOUT);
    }

    /**
     * Sends one event and waits for the function's answer.
     *
     * @throws FunctionError         when the function reported an error for this event
     * @throws IllegalStateException when there was no answer in time, init failed or the process exited
     */
    public synchronized JsonObject invoke(JsonObject event, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("The harness for " + handler + " is closed");
        }
        Invocation call = new Invocation(UUID.randomUUID().toString(),
                                         event.toString().getBytes(StandardCharsets.UTF_8),
                                         System.currentTimeMillis() + timeout.toMillis(),
                                         new CompletableFuture<>());
        queued.add(call);
        try {
            CompletableFuture.anyOf(call.answer, initError, exited).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // The function's error is reported from call.answer below.
        } catch (TimeoutException e) {
            abandon(call);
            throw new IllegalStateException("No answer from " + handler + " within " + timeout + logTail());
        } catch (InterruptedException e) {
            abandon(call);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + handler, e);
        }
        if (call.answer.isDone()) {
            if (call.answer.isCompletedExceptionally()) {
                // Thrown anew so that its stack trace shows the test's call, not the Runtime API's thread.
                FunctionError reported = (FunctionError) call.answer.exceptionNow();
                throw new FunctionError(reported.getMessage(), reported.payload());
            }
            return call.answer.resultNow();
        }
        abandon(call);
        if (initError.isDone()) {
            throw new IllegalStateException(handler + " failed to initialise: " + initError.resultNow() + logTail());
        }
        throw new IllegalStateException(handler + " exited with code " + exited.resultNow()
                                        + " before answering" + logTail());
    }

    /**
     * Waits until the function reports an init error or its process ends, at most {@code wait}.
     *
     * @return the init error the RIC posted ({@code errorMessage}, {@code errorType}, {@code stackTrace}), if any
     */
    public Optional<JsonObject> initError(Duration wait) {
        try {
            CompletableFuture.anyOf(initError, exited).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + handler, e);
        }
        return Optional.ofNullable(initError.getNow(null));
    }

    /**
     * Invokes a function that was frozen for {@code pause}, as Lambda freezes one between two invocations: the event
     * is waiting when it thaws, together with every timer that fell due meanwhile.
     */
    public JsonObject invokeAfterFreeze(JsonObject event, Duration pause) {
        runtime.suspend();
        Thread thaw = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                runtime.resume();
            }
        });
        try {
            return invoke(event, DEFAULT_TIMEOUT.plus(pause));
        } finally {
            try {
                thaw.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the runtime's process still runs. */
    public boolean processAlive() {
        return !exited.isDone();
    }

    /** Waits at most {@code wait} for the process to end; its exit code, or empty while it still runs. */
    public OptionalInt awaitExit(Duration wait) {
        try {
            return OptionalInt.of(exited.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + handler, e);
        }
    }

    /** Time from process start until the runtime first asked for an invocation, i.e. until init finished. */
    public Optional<Duration> initTime() {
        return Optional.ofNullable(initTime.get());
    }

    /**
     * Time from process start until the first response was posted: the cold start a client sees, when the first
     * {@link #invoke} directly follows {@link #start}.
     */
    public Optional<Duration> timeToFirstResponse() {
        return Optional.ofNullable(firstResponseTime.get());
    }

    /** The child's combined stdout and stderr of this run, for assertions on what the function logged. */
    public String output() {
        return readLog(0);
    }

    /** Stops the runtime (SIGTERM, then SIGKILL after 5 s) and the Runtime API. */
    @Override
    public void close() {
        closed = true;
        runtime.stop();
        server.stop(0);
        executor.shutdownNow();
    }

    /** The environment Lambda gives a function: its reserved variables and the function's own settings. */
    private Map<String, String> environment(Map<String, String> env) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TZ", ":UTC");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", functionName());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("_HANDLER", handler);
        environment.putAll(env);
        environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
        return environment;
    }

    /** The RIC in a child JVM on the test's class path, from an empty environment but for {@code PATH}. */
    private static Launcher childJvm(String handler, List<String> jvmOptions) {
        return (environment, log) -> {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The RIC talks to the Runtime API through a JNI library: allowed, and loaded from this JVM's own copy.
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add(RicNativeLibrary.jvmOption());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", absoluteClassPath(), RIC_MAIN, handler));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(LOG_DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().putAll(environment);
            return new ChildProcess(builder.start());
        };
    }

    private record ChildProcess(Process process) implements Runtime {
        @Override
        public CompletableFuture<Integer> exit() {
            return process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public void suspend() {
            signal("STOP");
        }

        @Override
        public void resume() {
            signal("CONT");
        }

        private void signal(String name) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
                if (kill.waitFor() != 0) {
                    throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            Server.stop(process, Duration.ofSeconds(5));
        }
    }

    /** The child's working directory differs from the test's, so relative class path entries must be resolved. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private String functionName() {
        String className = handler.split("::")[0];
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(RUNTIME_API.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError.complete(readJson(exchange.getRequestBody()));
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                answered(exchange, path.substring("invocation/".length(), path.length() - "/response".length()));
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                failed(exchange, path.substring("invocation/".length(), path.length() - "/error".length()));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        initTime.compareAndSet(null, Duration.ofNanos(System.nanoTime() - startNanos));
        Invocation call;
        try {
            call = queued.take();
        } catch (InterruptedException e) {
            // The harness is closing; the runtime sees the connection drop, as when Lambda shuts it down.
            return;
        }
        sent.put(call.id, call);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", call.id);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(call.deadlineMs));
        headers.set("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:123456789012:function:" + functionName());
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        exchange.sendResponseHeaders(200, call.event.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(call.event);
        }
    }

    private void answered(HttpExchange exchange, String id) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        firstResponseTime.compareAndSet(null, Duration.ofNanos(System.nanoTime() - startNanos));
        Invocation call = sent.remove(id);
        if (call != null) {
            try {
                JsonValue value;
                try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
                    value = reader.readValue();
                }
                if (value instanceof JsonObject answer) {
                    call.answer.complete(answer);
                } else {
                    call.answer.completeExceptionally(new FunctionError(
                            "The function answered with a JSON " + value.getValueType() + ", not an object: " + value,
                            JsonValue.EMPTY_JSON_OBJECT));
                }
            } catch (JsonException e) {
                call.answer.completeExceptionally(new FunctionError(
                        "The function answered with something other than JSON: "
                                + new String(body, StandardCharsets.UTF_8), JsonValue.EMPTY_JSON_OBJECT));
            }
        }
        exchange.sendResponseHeaders(202, -1);
    }

    private void failed(HttpExchange exchange, String id) throws IOException {
        JsonObject payload = readJson(exchange.getRequestBody());
        Invocation call = sent.remove(id);
        if (call != null) {
            call.answer.completeExceptionally(new FunctionError("The function reported an error: " + payload, payload));
        }
        exchange.sendResponseHeaders(202, -1);
    }

    private static JsonObject readJson(InputStream input) {
        try (JsonReader reader = JSON.createReader(input)) {
            return reader.readObject();
        }
    }

    private void abandon(Invocation call) {
        queued.remove(call);
        sent.remove(call.id);
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
               + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextInt())
               + ";Parent=" + hex.toHexDigits(random.nextLong()) + ";Sampled=0";
    }

    private String logTail() {
        String tail = readLog(LOG_TAIL_CHARS);
        return tail.isBlank() ? " (the runtime wrote nothing to " + log + ")"
                : System.lineSeparator() + "--- " + log + " (tail) ---" + System.lineSeparator() + tail;
    }

    /** This run's part of the log, or its last {@code maxChars} characters when {@code maxChars} is positive. */
    private String readLog(int maxChars) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = maxChars > 0 ? Math.max(logStart, file.length() - maxChars) : logStart;
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    private record Invocation(String id, byte[] event, long deadlineMs, CompletableFuture<JsonObject> answer) {
    }

    /** The function answered an invocation with an error ({@code /error}), or with something that is not JSON. */
    public static final class FunctionError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JsonObject payload;

        FunctionError(String message, JsonObject payload) {
            super(message);
            this.payload = payload;
        }

        /** The error the RIC posted: {@code errorMessage}, {@code errorType} and {@code stackTrace}. */
        public JsonObject payload() {
            return payload;
        }

        /** The exception class the handler threw, e.g. {@code java.lang.IllegalArgumentException}. */
        public String errorType() {
            return payload.getString("errorType", "");
        }

        /** The message of the exception the handler threw. */
        public String errorMessage() {
            return payload.getString("errorMessage", "");
        }
    }
}
