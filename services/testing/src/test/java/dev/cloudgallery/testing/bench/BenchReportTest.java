package dev.cloudgallery.testing.bench;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's harness: each benchmark's key kept beside the others', and the summaries' arithmetic. */
class BenchReportTest {
    @Test
    void eachBenchmarkAddsItsKeyAndKeepsTheOthers() throws Exception {
        Path file = Files.createTempDirectory("bench").resolve("bench/report.json");
        BenchReport.put(file, "processing", Json.createObjectBuilder().add("workerMs", 1).build());
        BenchReport.put(file, "feed", Json.createObjectBuilder().add("requestsPerSecond", 2).build());
        BenchReport.put(file, "processing", Json.createObjectBuilder().add("workerMs", 3).build());
        BenchReport.add(file, "coldStartMs", "floor", BenchReport.summary(List.of(90.0)));
        BenchReport.add(file, "coldStartMs", "user-service", BenchReport.summary(List.of(400.0)));
        JsonObject report = Json.createReader(new StringReader(Files.readString(file))).readObject();
        assertEquals(3, report.getJsonObject("processing").getInt("workerMs"));
        assertEquals(2, report.getJsonObject("feed").getInt("requestsPerSecond"));
        assertEquals(90.0, report.getJsonObject("coldStartMs").getJsonObject("floor").getJsonNumber("median")
                .doubleValue());
        assertEquals(400.0, report.getJsonObject("coldStartMs").getJsonObject("user-service")
                .getJsonNumber("median").doubleValue());
        JsonObject machine = report.getJsonObject("machine");
        assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()), machine.getString("cpus"));
        assertTrue(machine.getString("memory").endsWith(" GiB"), machine::toString);
        assertTrue(machine.getString("java").contains(System.getProperty("java.runtime.version")), machine::toString);
    }

    @Test
    void summariesGiveMedianRangeAndRuns() {
        JsonObject odd = BenchReport.summary(List.of(5.0, 1.0, 3.0));
        assertEquals(3.0, odd.getJsonNumber("median").doubleValue());
        assertEquals(1.0, odd.getJsonNumber("min").doubleValue());
        assertEquals(5.0, odd.getJsonNumber("max").doubleValue());
        assertEquals(3, odd.getInt("runs"));
        assertEquals(2.5, BenchReport.summary(List.of(4.0, 1.0, 2.0, 3.0)).getJsonNumber("median").doubleValue());
    }

    @Test
    void percentilesAreNearestRankAndMediansAverageTheMiddle() {
        List<Double> four = List.of(4.0, 1.0, 3.0, 2.0);

        assertEquals(2.0, BenchReport.percentile(four, 50));
        assertEquals(3.0, BenchReport.percentile(four, 75));
        assertEquals(4.0, BenchReport.percentile(four, 99));
        assertEquals(1.0, BenchReport.percentile(four, 0));
        assertEquals(2.5, BenchReport.summary(four).getJsonNumber("median").doubleValue());
    }
}
