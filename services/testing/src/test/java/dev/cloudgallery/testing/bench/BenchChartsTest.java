package dev.cloudgallery.testing.bench;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The charts drawn from a report as {@code make bench} leaves it: there, readable, and true to the figures. */
class BenchChartsTest {
    /** A report with every section the benchmarks write. */
    static JsonObject sample() {
        return Json.createReader(new StringReader("""
                {"machine": {"cpus": "2", "cpu": "AMD EPYC 7B13", "memory": "8 GB", "os": "Linux 6.1",
                             "java": "25.0.1"},
                 "coldStartMs": {
                   "floor": {"median": 98.0, "min": 95.0, "max": 104.0, "runs": 5},
                   "helidon hello": {"median": 310.5, "min": 300.0, "max": 322.0, "runs": 5},
                   "user-service": {"median": 990.0, "min": 929.0, "max": 1051.0, "runs": 5},
                   "user-service without archive": {"median": 1524.5, "min": 1517.0, "max": 1532.0, "runs": 5},
                   "user-service AOT cache": {"median": 640.0, "min": 610.0, "max": 700.0, "runs": 5},
                   "quarkus": {"median": 750.0, "min": 720.0, "max": 790.0, "runs": 5},
                   "spring": {"median": 2200.0, "min": 2100.0, "max": 2350.0, "runs": 5}},
                 "warmOverheadMs": {"p50": 0.9098199999999999, "p99": 5.297869, "requests": 1000},
                 "load": {
                   "user-service": {"latencyMs": {"p50": 1.2, "p75": 1.9, "p90": 3.1, "p99": 12.5, "p99.9": 48.0},
                                    "maxRequestsPerSecond": 5230.4, "errors": 0},
                   "GET /feed": {"latencyMs": {"p50": 2.5, "p75": 3.0, "p90": 4.75, "p99": 9.0, "p99.9": 30.0},
                                 "fixedRatePerSecond": 500, "constantRouteRequestsPerSecond": 1800.25}},
                 "feed": {"cards": 1000000, "seedSeconds": 41.2371,
                          "queries": {"feed, page 1": {"httpRequestsPerSecond": 2000.5, "httpP50Ms": 1.5},
                                      "feed, page 50": {"httpRequestsPerSecond": 1900, "sqlP50Ms": 0.00012345}},
                          "signingMicrosecondsPerPage": {"cloudfront": 120.3333, "s3": 80}},
                 "processing": {"jpegBytes": 4200000,
                                "workerMs": {"median": 850, "min": 800, "max": 900, "runs": 5}}}
                """)).readObject();
    }

    @Test
    void coldStartBarsAreAsLongAsTheirMedians(@TempDir Path dir) throws Exception {
        BenchCharts.write(dir, sample());
        BufferedImage image = ImageIO.read(dir.resolve(BenchCharts.COLD_START).toFile());
        JsonObject variants = sample().getJsonObject("coldStartMs");
        assertEquals(BenchCharts.WIDTH, image.getWidth());
        assertTrue(colours(image) > 20, "text and bars, antialiased");
        List<Integer> bars = barLengths(image);
        assertEquals(variants.size(), bars.size(), "a bar a variant");
        List<Double> medians = variants.values().stream().map(v -> BenchMarkdown.median(v.asJsonObject())).toList();
        int longest = bars.stream().mapToInt(Integer::intValue).max().orElseThrow();
        double slowest = medians.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        for (int i = 0; i < bars.size(); i++) {
            assertEquals(medians.get(i) / slowest, bars.get(i) / (double) longest, 0.01,
                         "bar of " + variants.keySet().toArray()[i]);
        }
    }

    @Test
    void latencyHasALineAnEntry(@TempDir Path dir) throws Exception {
        BenchCharts.write(dir, sample());
        BufferedImage image = ImageIO.read(dir.resolve(BenchCharts.LATENCY).toFile());
        assertEquals(BenchCharts.WIDTH, image.getWidth());
        assertEquals(560, image.getHeight());
        assertTrue(colours(image) > 20);
        Set<Integer> pixels = pixels(image);
        assertTrue(pixels.contains(BenchCharts.LINES.get(0).getRGB()));
        assertTrue(pixels.contains(BenchCharts.LINES.get(1).getRGB()));
        assertFalse(pixels.contains(BenchCharts.LINES.get(2).getRGB()), "two entries, two colours");
    }

    @Test
    void chartsWithoutFiguresAreNotDrawnAndOldOnesGo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(BenchCharts.COLD_START), "from an earlier run");
        JsonObject report = Json.createObjectBuilder().add("warmOverheadMs", sample().getJsonObject("warmOverheadMs"))
                .add("load", Json.createObjectBuilder().add("route", Json.createObjectBuilder().add("errors", 0)))
                .build();
        assertEquals(Set.of(), BenchCharts.write(dir, report));
        assertFalse(Files.exists(dir.resolve(BenchCharts.COLD_START)));
        assertFalse(Files.exists(dir.resolve(BenchCharts.LATENCY)));
    }

    /** The length of each bar, top to bottom: runs of rows with the bar's colour, each as wide as its widest row. */
    private static List<Integer> barLengths(BufferedImage image) {
        List<Integer> bars = new ArrayList<>();
        boolean inBar = false;
        for (int y = 0; y < image.getHeight(); y++) {
            int length = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                length += image.getRGB(x, y) == BenchCharts.BAR.getRGB() ? 1 : 0;
            }
            if (length > 0 && !inBar) {
                bars.add(length);
            } else if (length > 0) {
                bars.set(bars.size() - 1, Math.max(bars.getLast(), length));
            }
            inBar = length > 0;
        }
        return bars;
    }

    private static int colours(BufferedImage image) {
        return pixels(image).size();
    }

    private static Set<Integer> pixels(BufferedImage image) {
        Set<Integer> pixels = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                pixels.add(image.getRGB(x, y));
            }
        }
        return pixels;
    }
}
