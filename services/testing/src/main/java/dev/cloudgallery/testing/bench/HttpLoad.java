package dev.cloudgallery.testing.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.ServicePlatform;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.testing.SignedInUser;
import dev.cloudgallery.testing.TestStack;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObjectBuilder;

/**
 * A service's main read route under load, in HTTP mode over loopback, side by side with a Helidon route that returns a
 * constant on a server started the same way ({@link ServicePlatform#start}), so the ratio shows what the service's
 * own work costs: the most each answers (wrk, {@value #CONNECTIONS} connections), then the service at half its
 * maximum on a fixed schedule ({@link FixedRate}, in a JVM of its own), which must see no error. Adds
 * {@code load."<name>"} to the report. The server's log goes to a file ({@link BenchLog}).
 */
public final class HttpLoad {
    private static final boolean QUICK = System.getenv("BENCH_QUICK") != null;
    private static final int CONNECTIONS = 32;
    private static final Duration WARM_UP = Duration.ofSeconds(QUICK ? 2 : 10);
    private static final Duration MAXIMUM = Duration.ofSeconds(QUICK ? 2 : 15);
    private static final Duration FIXED_RATE = Duration.ofSeconds(QUICK ? 4 : 60);

    private HttpLoad() {
    }

    /**
     * Starts a service in HTTP mode on the shared test stack, with the environment a deployment gives it, and measures
     * {@code path} for {@code user}; the entry is named {@code "<module> GET <path>"}, ids in the path as {@code {id}}.
     *
     * @param start the service's {@code Main::start}
     */
    public static void measureSignedIn(String module, String schema, Function<Config, WebServer> start, String path,
                                       SignedInUser user) {
        WebServer server = start.apply(ServiceConfig.load(
                LocalAws.httpServer(TestStack.shared().serviceEnvironment(schema), 0)));
        // After the start, which sets up the service's own logging.
        BenchLog.toFile(module + "-load");
        try {
            measure(module + " GET " + path.replaceAll("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "{id}"),
                    "http://127.0.0.1:" + server.port() + path,
                    Map.of("X-Origin-Verify", TestStack.ORIGIN_VALUE,
                           "Authorization", "Bearer " + user.accessToken()));
        } finally {
            server.stop();
        }
    }

    /**
     * @param name    the entry's name in the report, e.g. {@code gallery-service GET /api/gallery/feed}
     * @param url     the route, on the service's server
     * @param headers what every request carries (the origin header, a token)
     */
    public static void measure(String name, String url, Map<String, String> headers) {
        WebServer constant = ServicePlatform.start(
                Config.just(ConfigSources.create(Map.of("server.host", "127.0.0.1", "server.port", "0"))),
                routing -> routing.get("/constant", (req, res) -> res.send("constant")));
        try {
            String constantUrl = "http://127.0.0.1:" + constant.port() + "/constant";
            // Unmeasured: both routes compiled by the JIT first, as in a server that has been up a while.
            Wrk.run(url, headers, CONNECTIONS, WARM_UP);
            Wrk.run(constantUrl, headers, CONNECTIONS, WARM_UP);
            Wrk.Result service = clean(Wrk.run(url, headers, CONNECTIONS, MAXIMUM));
            Wrk.Result baseline = clean(Wrk.run(constantUrl, headers, CONNECTIONS, MAXIMUM));
            int rate = Math.max(1, (int) (service.requestsPerSecond() / 2));
            FixedRate.Result fixed = FixedRate.inOwnJvm(URI.create(url), headers, rate, FIXED_RATE);

            System.out.printf("%nload  %s%n  most answered (wrk, %d connections, %d s): %.0f req/s, p99 %.2f ms; "
                              + "constant route %.0f req/s, p99 %.2f ms (service/constant %.2f)%n"
                              + "  %d req/s on a fixed schedule for %d s: %d errors, p50 %.2f ms, p99 %.2f ms, "
                              + "p99.9 %.2f ms%n", name, CONNECTIONS, MAXIMUM.toSeconds(),
                              service.requestsPerSecond(), service.latencyMs().get("p99"),
                              baseline.requestsPerSecond(), baseline.latencyMs().get("p99"),
                              service.requestsPerSecond() / baseline.requestsPerSecond(), rate,
                              FIXED_RATE.toSeconds(), fixed.errors(), fixed.latencyMs().get("p50"),
                              fixed.latencyMs().get("p99"), fixed.latencyMs().get("p99.9"));
            JsonObjectBuilder latency = Json.createObjectBuilder();
            fixed.latencyMs().forEach(latency::add);
            BenchReport.add("load", name, Json.createObjectBuilder()
                    .add("maxRequestsPerSecond", service.requestsPerSecond())
                    .add("maxP99Ms", service.latencyMs().get("p99"))
                    .add("constantRouteMaxRequestsPerSecond", baseline.requestsPerSecond())
                    .add("constantRouteMaxP99Ms", baseline.latencyMs().get("p99"))
                    .add("maxOverConstantRoute", service.requestsPerSecond() / baseline.requestsPerSecond())
                    .add("fixedRatePerSecond", rate)
                    .add("fixedRateSeconds", FIXED_RATE.toSeconds())
                    .add("fixedRateRequests", fixed.requests())
                    .add("fixedRateErrors", fixed.errors())
                    .add("latencyMs", latency)
                    .build());
            if (fixed.errors() > 0) {
                throw new AssertionError(name + ": " + fixed.errors() + " of " + fixed.requests()
                                         + " requests failed at a fixed " + rate + " req/s");
            }
        } finally {
            constant.stop();
        }
    }

    /** A measured run must be clean: an error answered fast would flatter the numbers. */
    private static Wrk.Result clean(Wrk.Result result) {
        if (result.errors() > 0) {
            throw new AssertionError(result.errors() + " errors under load:\n" + result.output());
        }
        return result;
    }
}
