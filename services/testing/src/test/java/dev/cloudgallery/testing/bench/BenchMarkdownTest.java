package dev.cloudgallery.testing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.cloudgallery.platform.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report for people: each section the JSON has, its figures in tables, and nothing for what it lacks. */
class BenchMarkdownTest {
    private static final Instant GENERATED = Instant.parse("2026-03-01T12:34:56.789Z");

    @Test
    void everySectionInItsTable() {
        String md = BenchMarkdown.render(BenchChartsTest.sample(), GENERATED,
                                         Set.of(BenchCharts.COLD_START, BenchCharts.LATENCY));
        assertTrue(md.startsWith("# Cloud Gallery benchmark report\n\nGenerated 2026-03-01 12:34:56 UTC.\n"), md);
        assertContains(md, "Machine: cpus 2 · cpu AMD EPYC 7B13 · memory 8 GB · os Linux 6.1 · java 25.0.1\n");

        assertContains(md, "![cold start](cold-start.png)\n");
        assertContains(md, "| variant | median ms | min | max | runs | × quarkus | × spring |\n"
                           + "|---|---:|---:|---:|---:|---:|---:|\n"
                           + "| floor | 98 | 95 | 104 | 5 | 0.13 | 0.04 |\n"
                           + "| helidon hello | 310.5 | 300 | 322 | 5 | 0.41 | 0.14 |\n"
                           + "| user-service | 990 | 929 | 1051 | 5 | 1.32 | 0.45 |\n");
        assertContains(md, "| quarkus | 750 | 720 | 790 | 5 | 1.00 | 0.34 |\n"
                           + "| spring | 2200 | 2100 | 2350 | 5 | 2.93 | 1.00 |\n");

        assertContains(md, "| figure | value |\n|---|---:|\n| p50 | 0.91 |\n| p99 | 5.298 |\n| requests | 1000 |\n");

        assertContains(md, "![latency](latency.png)\n");
        assertContains(md, "| entry | maxRequestsPerSecond | errors | fixedRatePerSecond"
                           + " | constantRouteRequestsPerSecond"
                           + " | p50 ms | p75 ms | p90 ms | p99 ms | p99.9 ms |\n");
        assertContains(md, "| user-service | 5230.4 | 0 |  |  | 1.2 | 1.9 | 3.1 | 12.5 | 48 |\n"
                           + "| GET /feed |  |  | 500 | 1800.25 | 2.5 | 3 | 4.75 | 9 | 30 |\n");

        assertContains(md, "## feed\n\n| figure | value |\n|---|---:|\n| cards | 1000000 |\n| seedSeconds | 41.237 |\n"
                           + "| signingMicrosecondsPerPage.cloudfront | 120.333 |\n"
                           + "| signingMicrosecondsPerPage.s3 | 80 |\n");
        assertContains(md, "### feed.queries\n\n| name | httpRequestsPerSecond | httpP50Ms | sqlP50Ms |\n"
                           + "|---|---:|---:|---:|\n| feed, page 1 | 2000.5 | 1.5 |  |\n"
                           + "| feed, page 50 | 1900 |  | 0.000123 |\n");
        assertContains(md, "| jpegBytes | 4200000 |\n| workerMs.median | 850 |\n");
    }

    @Test
    void sameReportSameText() {
        assertEquals(BenchMarkdown.render(BenchChartsTest.sample(), GENERATED, Set.of()),
                     BenchMarkdown.render(BenchChartsTest.sample(), GENERATED.plusMillis(100), Set.of()));
    }

    @Test
    void absentSectionsAreSkipped() {
        String md = BenchMarkdown.render(Json.createObjectBuilder()
                .add("coldStartMs", Json.createObjectBuilder().add("floor", BenchReport.summary(List.of(90.0))))
                .add("processing", Json.createObjectBuilder()).build(), GENERATED, Set.of());
        assertContains(md, "| variant | median ms | min | max | runs |\n|---|---:|---:|---:|---:|\n"
                           + "| floor | 90 | 90 | 90 | 1 |\n");
        assertFalse(md.contains("Machine"), md);
        assertFalse(md.contains("!["), "no chart drawn, none linked");
        assertFalse(md.contains("processing"), "an empty section has no heading");
        assertFalse(md.contains("Load") || md.contains("Warm"), md);
    }

    @Test
    void eachReportWriteLeavesMarkdownAndCharts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench/report.json");
        BenchReport.add(file, "coldStartMs", "floor", BenchReport.summary(List.of(90.0, 110.0)));
        BenchReport.put(file, "load", BenchChartsTest.sample().getJsonObject("load"));
        assertTrue(Files.exists(dir.resolve("bench").resolve(BenchCharts.COLD_START)));
        assertTrue(Files.exists(dir.resolve("bench").resolve(BenchCharts.LATENCY)));
        String md = Files.readString(dir.resolve("bench").resolve(BenchMarkdown.FILE));
        assertContains(md, "| floor | 100 | 90 | 110 | 2 |\n");
        assertContains(md, "![latency](latency.png)");
    }

    private static void assertContains(String md, String expected) {
        assertTrue(md.contains(expected), () -> "Expected\n" + expected + "\nin\n" + md);
    }
}
