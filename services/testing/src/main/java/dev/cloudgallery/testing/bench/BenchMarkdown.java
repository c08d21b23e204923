package dev.cloudgallery.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * {@code report.md} beside {@code report.json}: the report for people, every section the JSON has in its order, with
 * links to the charts {@link BenchCharts} drew. The same JSON gives the same text but for the generation time.
 */
public final class BenchMarkdown {
    public static final String FILE = "report.md";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> TITLES = Map.of("coldStartMs", "Cold start", "warmOverheadMs",
                                                             "Warm request overhead", "load", "Load");
    /** The variants the cold starts are compared with, when the run measured them. */
    private static final List<String> BASELINES = List.of("quarkus", "spring");

    private BenchMarkdown() {
    }

    /** Writes {@code report.md} into {@code dir}, linking those of {@code charts} (file names) it has a place for. */
    public static void write(Path dir, JsonObject report, Set<String> charts) {
        try {
            Files.writeString(dir.resolve(FILE), render(report, Instant.now(), charts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(JsonObject report, Instant generated, Set<String> charts) {
        StringBuilder md = new StringBuilder("# Cloud Gallery benchmark report\n\nGenerated ")
                .append(TIME.format(generated.truncatedTo(ChronoUnit.SECONDS))).append(".\n");
        if (report.get("machine") instanceof JsonObject machine && !machine.isEmpty()) {
            md.append("\nMachine: ").append(machine.entrySet().stream()
                    .map(e -> e.getKey() + " " + text(e.getValue())).collect(Collectors.joining(" · ")))
                    .append('\n');
        }
        report.forEach((key, value) -> {
            if (key.equals("machine") || value instanceof JsonObject object && object.isEmpty()) {
                return;
            }
            md.append("\n## ").append(TITLES.containsKey(key) ? TITLES.get(key) + " (`" + key + "`)" : key)
                    .append("\n\n");
            switch (key) {
                case "coldStartMs" -> coldStart(md, value.asJsonObject(), charts);
                case "load" -> load(md, value.asJsonObject(), charts);
                default -> generic(md, key, value);
            }
        });
        return md.toString();
    }

    private static void coldStart(StringBuilder md, JsonObject variants, Set<String> charts) {
        link(md, charts, BenchCharts.COLD_START, "cold start");
        List<String> baselines = BASELINES.stream().filter(variants::containsKey).toList();
        List<String> header = new ArrayList<>(List.of("variant", "median ms", "min", "max", "runs"));
        baselines.forEach(baseline -> header.add("× " + baseline));
        List<List<String>> rows = new ArrayList<>();
        variants.forEach((name, value) -> {
            JsonObject run = value.asJsonObject();
            double median = median(run);
            List<String> row = new ArrayList<>(List.of(name, number(median), text(run.get("min")),
                                                       text(run.get("max")), text(run.get("runs"))));
            baselines.forEach(baseline -> row.add(String.format(Locale.ROOT, "%.2f",
                                                                median / median(variants.getJsonObject(baseline)))));
            rows.add(row);
        });
        table(md, header, rows);
    }

    /** One row a service or route: its plain figures, then its latency percentiles. */
    private static void load(StringBuilder md, JsonObject entries, Set<String> charts) {
        link(md, charts, BenchCharts.LATENCY, "latency");
        Set<String> figures = new LinkedHashSet<>();
        Set<String> percentiles = new LinkedHashSet<>();
        entries.forEach((name, value) -> value.asJsonObject().forEach((key, figure) -> {
            if (figure instanceof JsonObject latency && key.equals("latencyMs")) {
                percentiles.addAll(latency.keySet());
            } else if (figure instanceof JsonNumber) {
                figures.add(key);
            }
        }));
        List<String> header = new ArrayList<>(List.of("entry"));
        header.addAll(figures);
        percentiles.forEach(p -> header.add(p + " ms"));
        List<List<String>> rows = new ArrayList<>();
        entries.forEach((name, value) -> {
            JsonObject entry = value.asJsonObject();
            JsonObject latency = entry.get("latencyMs") instanceof JsonObject object ? object
                    : JsonValue.EMPTY_JSON_OBJECT;
            List<String> row = new ArrayList<>(List.of(name));
            figures.forEach(figure -> row.add(text(entry.get(figure))));
            percentiles.forEach(p -> row.add(text(latency.get(p))));
            rows.add(row);
        });
        table(md, header, rows);
    }

    /**
     * Any other section: its figures as "path | value" rows, nested objects flattened, except that an object whose
     * children are all objects of plain values (a measurement per query, say) gets a table of its own.
     */
    private static void generic(StringBuilder md, String key, JsonValue section) {
        if (section instanceof JsonObject object && isTable(object)) {
            objectTable(md, object);
            return;
        }
        Map<String, JsonValue> figures = new LinkedHashMap<>();
        Map<String, JsonObject> tables = new LinkedHashMap<>();
        if (section instanceof JsonObject object) {
            flatten("", object, figures, tables);
        } else {
            figures.put(key, section);
        }
        if (!figures.isEmpty()) {
            table(md, List.of("figure", "value"), figures.entrySet().stream()
                    .map(e -> List.of(e.getKey(), text(e.getValue()))).toList());
        }
        tables.forEach((path, table) -> {
            md.append("\n### ").append(key).append('.').append(path).append("\n\n");
            objectTable(md, table);
        });
    }

    private static void flatten(String prefix, JsonObject object, Map<String, JsonValue> figures,
                                Map<String, JsonObject> tables) {
        object.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof JsonObject child && isTable(child)) {
                tables.put(path, child);
            } else if (value instanceof JsonObject child) {
                flatten(path + ".", child, figures, tables);
            } else {
                figures.put(path, value);
            }
        });
    }

    private static boolean isTable(JsonObject object) {
        return !object.isEmpty() && object.values().stream().allMatch(
                value -> value instanceof JsonObject row && !row.isEmpty()
                         && row.values().stream().noneMatch(JsonStructure.class::isInstance));
    }

    /** Rows named by the object's keys, a column for every key its rows have. */
    private static void objectTable(StringBuilder md, JsonObject object) {
        Set<String> columns = new LinkedHashSet<>();
        object.values().forEach(row -> columns.addAll(row.asJsonObject().keySet()));
        List<String> header = new ArrayList<>(List.of("name"));
        header.addAll(columns);
        table(md, header, object.entrySet().stream().map(e -> {
            List<String> row = new ArrayList<>(List.of(e.getKey()));
            columns.forEach(column -> row.add(text(e.getValue().asJsonObject().get(column))));
            return row;
        }).toList());
    }

    private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
        row(md, header);
        md.append("|---").append("|---:".repeat(header.size() - 1)).append("|\n");
        rows.forEach(row -> row(md, row));
    }

    private static void row(StringBuilder md, List<String> cells) {
        cells.forEach(cell -> md.append("| ").append(cell.replace("|", "\\|")).append(' '));
        md.append("|\n");
    }

    private static void link(StringBuilder md, Set<String> charts, String chart, String alt) {
        if (charts.contains(chart)) {
            md.append("![").append(alt).append("](").append(chart).append(")\n\n");
        }
    }

    static double median(JsonObject summary) {
        return summary.getJsonNumber("median").doubleValue();
    }

    /** A cell: numbers as {@link #number}, strings bare, nothing for an absent value. */
    private static String text(JsonValue value) {
        return switch (value) {
            case null -> "";
            case JsonNumber n -> number(n.doubleValue());
            case JsonString s -> s.getString();
            default -> value.toString();
        };
    }

    /** Whole numbers without decimals; others to three decimals, or three significant digits below one. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal decimal = new BigDecimal(value);
        int whole = Math.max(0, decimal.precision() - decimal.scale());
        return decimal.round(new MathContext(whole + 3, RoundingMode.HALF_UP)).stripTrailingZeros()
                .toPlainString();
    }
}
