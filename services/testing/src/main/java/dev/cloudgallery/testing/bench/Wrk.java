package dev.cloudgallery.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * wrk, the HTTP load generator {@code make bench} installs from Debian: closed loop, each connection sends its next
 * request when the last one is answered, so it finds the most a server answers, not how it answers at a given rate
 * ({@link FixedRate} does that).
 */
public final class Wrk {
    private static final List<String> PERCENTILES = List.of("50", "75", "90", "99");

    private Wrk() {
    }

    /**
     * @param requestsPerSecond what the server answered
     * @param latencyMs         wrk's percentiles, keyed {@code p50}, {@code p75}, {@code p90}, {@code p99}
     * @param errors            socket errors and answers other than 2xx or 3xx
     */
    public record Result(double requestsPerSecond, Map<String, Double> latencyMs, long errors, String output) {
    }

    public static boolean installed() {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "wrk")));
    }

    /** Runs wrk on two threads with {@code connections} connections for {@code duration}. */
    public static Result run(String url, Map<String, String> headers, int connections, Duration duration) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections,
                                                       "-d" + duration.toSeconds() + "s", "--latency"));
        headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
        command.add(url);
        String output = run(command);
        return parse(output);
    }

    static Result parse(String output) {
        Map<String, Double> latency = new LinkedHashMap<>();
        for (String percentile : PERCENTILES) {
            latency.put("p" + percentile, millis(output, percentile + "%"));
        }
        long errors = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        return new Result(number(output, "Requests/sec:\\s+([\\d.]+)"), latency, errors, output);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + command + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + regex + " in wrk's output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** A latency percentile line ("99%  12.34ms") in milliseconds. */
    private static double millis(String output, String percentile) {
        Matcher matcher = Pattern.compile("(?m)^\\s+" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)$")
                .matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
