package dev.cloudgallery.testing.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The report {@code make bench} leaves for tools: {@code target/bench/report.json} at the repository root, one object
 * per measurement under its own key ({@code coldStartMs}, {@code processing}, {@code feed}, ...). The benchmarks run in
 * JVMs of their own, one after another, so each adds what it measured and keeps the rest. Beside it,
 * {@link BenchMarkdown} and {@link BenchCharts} leave the same figures for people.
 */
public final class BenchReport {
    private BenchReport() {
    }

    /** Puts {@code value} under {@code key} of the repository's report. */
    public static void put(String key, JsonObject value) {
        put(file(), key, value);
    }

    /**
     * Puts {@code value} under {@code name} in the object under {@code key}, keeping its other names: for a
     * measurement that several benchmarks add to ({@code coldStartMs}: the floor, then each service).
     */
    public static void add(String key, String name, JsonValue value) {
        add(file(), key, name, value);
    }

    /** Puts {@code value} under {@code key} of the report in {@code file}, written whole or not at all. */
    public static synchronized void put(Path file, String key, JsonObject value) {
        write(file, read(file).add(key, value));
    }

    public static synchronized void add(Path file, String key, String name, JsonValue value) {
        JsonObject report = read(file).build();
        JsonObjectBuilder entry = Json.createObjectBuilder(report.containsKey(key) ? report.getJsonObject(key)
                                                                  : JsonValue.EMPTY_JSON_OBJECT);
        write(file, Json.createObjectBuilder(report).add(key, entry.add(name, value)));
    }

    private static JsonObjectBuilder read(Path file) {
        if (!Files.exists(file)) {
            // Every comparison in the report holds on one machine only: it says which.
            return Json.createObjectBuilder().add("machine", machine());
        }
        try (var reader = Json.createReader(new StringReader(Files.readString(file)))) {
            return Json.createObjectBuilder(reader.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the report, then its Markdown and charts: of the whole report, whichever benchmark ran last. */
    private static void write(Path file, JsonObjectBuilder builder) {
        JsonObject report = builder.build();
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
            Path next = Files.createTempFile(dir, "report", ".json");
            Files.writeString(next, report.toString());
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BenchMarkdown.write(dir, report, BenchCharts.write(dir, report));
    }

    private static Path file() {
        return root().resolve("target/bench/report.json");
    }

    /** The machine the benchmarks run on: CPUs, their model, memory, operating system and Java. */
    static JsonObject machine() {
        return Json.createObjectBuilder()
                .add("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()))
                .add("cpu", procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")))
                .add("memory", procField("/proc/meminfo", "MemTotal")
                        .map(total -> Math.round(Long.parseLong(total.replaceAll("\\D", "")) / 1024.0 / 1024) + " GiB")
                        .orElse("unknown"))
                .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .add("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"))
                .build();
    }

    private static Optional<String> procField(String file, String name) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(name)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Repeated measurements as the report gives them: {@code {median, min, max, runs}}. */
    public static JsonObject summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Json.createObjectBuilder().add("median", median).add("min", sorted.getFirst())
                .add("max", sorted.getLast()).add("runs", n).build();
    }

    /**
     * A latency percentile, nearest rank: the smallest value that at least {@code p} % of the values don't exceed.
     * Every percentile of the report is this one; repeated measurements are summed up by {@link #summary}.
     */
    public static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(sorted.size() * p / 100);
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }

    /** The repository's root: the nearest folder up from here with the Makefile. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("Makefile")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Not inside the repository: no Makefile above " + Path.of("").toAbsolutePath());
    }
}
