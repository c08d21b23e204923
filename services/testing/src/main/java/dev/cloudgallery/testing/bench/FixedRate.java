package dev.cloudgallery.testing.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * An open-loop load generator, the way wrk2 measures: requests fall due on a fixed schedule, whether or not earlier
 * ones were answered, and each one's latency runs from when it fell due, so a stall shows in every request it held up
 * (no coordinated omission). {@value #CONNECTIONS} keep-alive connections, each on a virtual thread, take the due
 * requests in turn; a request due while all of them wait for answers waits too, and that wait is part of its latency.
 * The client is a few lines of HTTP/1.1 over a socket, so that the generator costs the shared cores little.
 * {@link #inOwnJvm} keeps its threads and garbage out of the JVM of a server under test.
 */
public final class FixedRate {
    private static final int CONNECTIONS = 32;
    private static final int TIMEOUT_MILLIS = 10_000;

    private FixedRate() {
    }

    /**
     * As {@link #run}, in a JVM of its own on this JVM's class path.
     */
    public static Result inOwnJvm(URI uri, Map<String, String> headers, int perSecond, Duration duration) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FixedRate.class.getName(),
                uri.toString(), String.valueOf(perSecond), String.valueOf(duration.toMillis())));
        headers.forEach((name, value) -> command.add(name + ": " + value));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the load generator failed: " + output);
            }
            // The last line: a JVM may print notices of its own first (JDK_JAVA_OPTIONS, a flight recording).
            JsonObject result = Json.createReader(new StringReader(output.strip().lines().reduce((a, b) -> b)
                                                                      .orElse(""))).readObject();
            Map<String, Double> latency = new LinkedHashMap<>();
            result.getJsonObject("latencyMs").forEach((name, value) -> latency.put(
                    name, ((JsonNumber) value).doubleValue()));
            return new Result(perSecond, result.getInt("requests"), result.getInt("errors"), latency);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code URL PER_SECOND MILLIS ["Name: value"...]}: runs and prints the result as JSON. */
    public static void main(String[] args) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : Arrays.copyOfRange(args, 3, args.length)) {
            headers.put(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1).strip());
        }
        Result result = run(URI.create(args[0]), headers, Integer.parseInt(args[1]),
                            Duration.ofMillis(Long.parseLong(args[2])));
        JsonObjectBuilder latency = Json.createObjectBuilder();
        result.latencyMs().forEach(latency::add);
        System.out.println(Json.createObjectBuilder().add("requests", result.requests())
                                   .add("errors", result.errors()).add("latencyMs", latency).build());
    }

    /**
     * @param perSecond the rate asked for
     * @param requests  how many were sent
     * @param errors    failed requests and answers other than 200
     * @param latencyMs percentiles keyed {@code p50}, {@code p75}, {@code p90}, {@code p99}, {@code p99.9}
     */
    public record Result(int perSecond, int requests, int errors, Map<String, Double> latencyMs) {
    }

    public static Result run(URI uri, Map<String, String> headers, int perSecond, Duration duration) {
        StringBuilder head = new StringBuilder("GET " + uri.getRawPath()
                                               + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                                               + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        int total = (int) (duration.toMillis() * perSecond / 1000);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        double[] latencies = new double[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONNECTIONS; c++) {
                connections.execute(() -> {
                    Connection connection = null;
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long due = start + i * interval;
                        LockSupport.parkNanos(due - System.nanoTime());
                        try {
                            if (connection == null) {
                                connection = new Connection(uri.getHost(), uri.getPort());
                            }
                            if (connection.exchange(request) != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (IOException | RuntimeException e) {
                            // A malformed answer too: counted, and the next request gets a new connection.
                            errors.incrementAndGet();
                            connection = close(connection);
                        }
                        latencies[i] = (System.nanoTime() - due) / 1e6;
                    }
                    close(connection);
                });
            }
        }
        List<Double> all = new ArrayList<>(total);
        for (double latency : latencies) {
            all.add(latency);
        }
        return new Result(perSecond, total, errors.get(), percentiles(all));
    }

    private static Connection close(Connection connection) {
        if (connection != null) {
            try {
                connection.socket.close();
            } catch (IOException ignored) {
                // Already broken: a new connection replaces it.
            }
        }
        return null;
    }

    /** One keep-alive HTTP/1.1 connection: sends a request, reads the whole answer (by length or in chunks). */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String name = header.substring(0, Math.max(0, header.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).strip();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].strip(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return Integer.parseInt(status.split(" ")[1]);
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("the server closed the connection mid-answer");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }

    static Map<String, Double> percentiles(List<Double> latencies) {
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (double p : new double[]{50, 75, 90, 99, 99.9}) {
            percentiles.put("p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)),
                            BenchReport.percentile(latencies, p));
        }
        return percentiles;
    }
}
