package dev.cloudgallery.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.HttpApi;
import dev.cloudgallery.testing.api.LambdaApi;
import dev.cloudgallery.testing.bench.BenchReport;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the Lambda adapter adds to a warm request: the same request (the health check, which asks the database) as an
 * API Gateway event through the real RIC and the Runtime API harness, and directly over HTTP to the service's server,
 * interleaved in one run so that a noisy neighbour slows both alike. Printed, and added to
 * {@code target/bench/report.json} as {@code warmOverheadMs}; run by {@code make bench}.
 */
class AdapterOverheadBenchmark {
    private static final boolean QUICK = System.getenv("BENCH_QUICK") != null;
    private static final int WARM_UP = 500;
    private static final int REQUESTS = QUICK ? 1_000 : 5_000;

    @Test
    void measureTheAdapterOnAWarmFunction() {
        Map<String, String> environment = TestStack.shared().serviceEnvironment("users");
        WebServer server = Main.start(ServiceConfig.load(LocalAws.httpServer(environment, 0)));
        try (LambdaRuntimeHarness harness = LambdaRuntimeHarness.start(UsersLambda.class.getName() + "::handleRequest",
                                                                      environment)) {
            Api direct = HttpApi.onPort(server.port());
            Api lambda = new LambdaApi(harness);
            List<Double> directMillis = new ArrayList<>();
            List<Double> lambdaMillis = new ArrayList<>();
            for (int i = 0; i < WARM_UP + REQUESTS; i++) {
                double viaHttp = time(direct);
                double viaLambda = time(lambda);
                if (i >= WARM_UP) {
                    directMillis.add(viaHttp);
                    lambdaMillis.add(viaLambda);
                }
            }
            double httpP50 = BenchReport.percentile(directMillis, 50);
            double httpP99 = BenchReport.percentile(directMillis, 99);
            double lambdaP50 = BenchReport.percentile(lambdaMillis, 50);
            double lambdaP99 = BenchReport.percentile(lambdaMillis, 99);
            System.out.printf("%nA warm GET /api/users/health, %d times each way, interleaved (after %d unmeasured):%n"
                              + "  directly over HTTP           p50 %6.3f ms  p99 %6.3f ms%n"
                              + "  as an API Gateway event, RIC p50 %6.3f ms  p99 %6.3f ms%n"
                              + "  added by the adapter         p50 %6.3f ms  p99 %6.3f ms%n", REQUESTS, WARM_UP,
                              httpP50, httpP99, lambdaP50, lambdaP99, lambdaP50 - httpP50, lambdaP99 - httpP99);
            BenchReport.put("warmOverheadMs", Json.createObjectBuilder()
                    .add("p50", lambdaP50 - httpP50).add("p99", lambdaP99 - httpP99)
                    .add("httpP50", httpP50).add("httpP99", httpP99)
                    .add("lambdaP50", lambdaP50).add("lambdaP99", lambdaP99)
                    .add("requests", REQUESTS).build());
        } finally {
            server.stop();
        }
    }

    private static double time(Api api) {
        long start = System.nanoTime();
        Api.Response health = api.get("/api/users/health");
        double millis = (System.nanoTime() - start) / 1e6;
        assertEquals(200, health.status(), health::toString);
        return millis;
    }
}
