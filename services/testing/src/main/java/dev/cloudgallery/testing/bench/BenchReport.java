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

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The report {@code make bench} leaves for tools: {@code target/bench/report.json} at the repository root, one object
 * per measurement under its own key ({@code coldStartMs}, {@code processing}, {@code feed}, ...). The benchmarks run in
 * JVMs of their own, one after another, so each adds what it measured and keeps the rest.
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
            return Json.createObjectBuilder();
        }
        try (var reader = Json.createReader(new StringReader(Files.readString(file)))) {
            return Json.createObjectBuilder(reader.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, JsonObjectBuilder report) {
        try {
            Files.createDirectories(file.getParent());
            Path next = Files.createTempFile(file.getParent(), "report", ".json");
            Files.writeString(next, report.build().toString());
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file() {
        return root().resolve("target/bench/report.json");
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
