package dev.cloudgallery.testing.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading wrk's report: a misread unit or a missed error line would put wrong figures in the benchmark report. */
class WrkTest {
    private static final String OUTPUT = """
            Running 5s test @ http://127.0.0.1:35123/api/users/me
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     9.10ms    6.02ms  63.10ms   80.12%
                Req/Sec     1.78k   210.33     2.20k    70.00%
              Latency Distribution
                 50%  812.00us
                 75%   11.24ms
                 90%   17.03ms
                 99%    1.20s
              17745 requests in 5.00s, 6.57MB read
              Socket errors: connect 0, read 2, write 0, timeout 3
              Non-2xx or 3xx responses: 7
            Requests/sec:   3548.87
            Transfer/sec:      1.31MB
            """;

    @Test
    void readsThroughputPercentilesInMillisecondsAndEveryError() {
        Wrk.Result result = Wrk.parse(OUTPUT);
        assertEquals(3548.87, result.requestsPerSecond(), 1e-9);
        assertEquals(Map.of("p50", 0.812, "p75", 11.24, "p90", 17.03, "p99", 1200.0), result.latencyMs());
        assertEquals(12, result.errors());
    }

    @Test
    void aCleanRunHasNoErrors() {
        String clean = OUTPUT.replaceAll("(?m)^\\s+(Socket errors|Non-2xx).*\\n", "");
        assertEquals(0, Wrk.parse(clean).errors());
    }
}
