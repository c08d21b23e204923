package dev.cloudgallery.testing.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The open-loop generator: its schedule, its error count and its percentiles. */
class FixedRateTest {
    @Test
    void sendsTheScheduleAndCountsEveryAnswerThatIsNot200() {
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.get("/ok", (req, res) -> res.send("ok"))
                        .get("/fail", (req, res) -> res.status(500).send()))
                .build().start();
        try {
            String base = "http://127.0.0.1:" + server.port();
            long start = System.nanoTime();
            FixedRate.Result ok = FixedRate.run(URI.create(base + "/ok"), Map.of("X-Test", "1"), 200,
                                                Duration.ofSeconds(1));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(200, ok.requests());
            assertEquals(0, ok.errors());
            assertTrue(seconds >= 0.99, "the schedule spans the duration: " + seconds + " s");
            assertTrue(ok.latencyMs().get("p50") > 0 && ok.latencyMs().get("p50") <= ok.latencyMs().get("p99.9"));

            FixedRate.Result failing = FixedRate.run(URI.create(base + "/fail"), Map.of(), 50, Duration.ofSeconds(1));
            assertEquals(50, failing.errors());
        } finally {
            server.stop();
        }
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> oneToThousand = IntStream.rangeClosed(1, 1000).mapToObj(i -> (double) i).toList();
        assertEquals(Map.of("p50", 500.0, "p75", 750.0, "p90", 900.0, "p99", 990.0, "p99.9", 999.0),
                     FixedRate.percentiles(oneToThousand));
    }
}
