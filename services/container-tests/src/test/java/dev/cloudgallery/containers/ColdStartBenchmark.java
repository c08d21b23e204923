package dev.cloudgallery.containers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.testing.SignedInUser;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.bench.BenchReport;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cold starts in Lambda mode, from the function's process start (as the Docker engine records it) to its first
 * response through the Runtime API harness, all on the services' own JVM and flags, in one run:
 * <ul>
 *   <li>the peers ({@link PeerFunction}): the floor (a bare RIC handler), a Quarkus and a Spring Boot hello function,
 *   each with its faster archive (an AOT cache or AppCDS, both trained on its own requests), and without one;</li>
 *   <li>each service image as built (its AOT cache), with an AppCDS archive trained the same way instead, without an
 *   archive, and with the JVM's default flags. Its first request is its main read route for a signed-in user, so the
 *   time includes the token check and the first database connection.</li>
 * </ul>
 * Then each service at Lambda's memory sizes, with their share of a CPU ({@code memory}, see {@link #memorySizes}).
 * Printed, not asserted; run by
 * {@code make bench}, which finds the figures in {@code target/bench/report.json}. {@code BENCH_QUICK=1} keeps one
 * run of each function as built (peers with their AOT cache) at one vCPU, to check the harness in minutes.
 */
class ColdStartBenchmark {
    private static final boolean QUICK = System.getenv("BENCH_QUICK") != null;
    private static final int RUNS = Integer.getInteger("bench.runs", QUICK ? 1 : 7);
    private static final int REQUESTS = 100;
    /** Memory sizes of the Lambda function, each with its share of a CPU: 0.29, 0.58 and one vCPU. */
    private static final List<Integer> MEMORY_SIZES_MB = QUICK ? List.of(LambdaCost.MB_PER_VCPU)
            : List.of(512, 1024, LambdaCost.MB_PER_VCPU);
    private static final double SLOWER_START_ALLOWED = 1.5;
    private static final String AOT_CACHE = "-XX:AOTCache=" + ServiceImage.AOT_CACHE;
    /** The images' start-up flags beside the archive; "JVM defaults" runs without them. */
    private static final List<String> TUNING = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @Test
    void coldStartOfEachFunction() {
        String runtime = ServiceImage.USERS.load();
        List<String> flags = lambdaFlags(ServiceImage.USERS.tar().strings("Entrypoint"));
        for (PeerFunction peer : PeerFunction.values()) {
            Map<String, String> environment = TestStack.shared().serviceEnvironment("users");
            String aot = peer.trainAotCache(runtime, flags, environment);
            JsonObject best = measure(peer.id() + " AOT cache", peer.launcher(runtime, with(flags, aot)),
                                      peer.request(), environment);
            if (!QUICK) {
                String appCds = peer.trainAppCds(runtime, flags, environment);
                JsonObject withAppCds = measure(peer.id() + " AppCDS", peer.launcher(runtime, with(flags, appCds)),
                                                peer.request(), environment);
                best = median(best) <= median(withAppCds) ? best : withAppCds;
                measure(peer.id() + " without archive", peer.launcher(runtime, flags), peer.request(), environment);
            }
            BenchReport.add("coldStartMs", peer.id(), best);
        }
        for (ServiceImage image : ServiceImage.values()) {
            // A token of its own for each image: all of them together can outlast one token's hour.
            String token = SignedInUser.withProfile().accessToken();
            List<String> entrypoint = image.tar().strings("Entrypoint");
            Map<String, String> environment = TestStack.shared().serviceEnvironment(image.schema());
            Api.Request first = firstRequest(image, token);
            Containers.LambdaLauncher asBuilt = Containers.lambda(image.load(), image.handler());

            measure(image.module(), asBuilt, first, environment);
            if (!QUICK) {
                Path appCds = image.trainAppCds();
                measure(image.module() + " AppCDS", asBuilt
                        .with(entrypoint(replace(entrypoint, AOT_CACHE, "-XX:SharedArchiveFile=/bench/app.jsa")))
                        .with(container -> container.withFileSystemBind(appCds.toString(), "/bench",
                                                                        BindMode.READ_ONLY)),
                        first, environment);
                measure(image.module() + " without archive",
                        asBuilt.with(entrypoint(replace(entrypoint, AOT_CACHE))), first, environment);
                List<String> defaults = new ArrayList<>(entrypoint);
                defaults.removeAll(TUNING);
                defaults.remove(AOT_CACHE);
                measure(image.module() + " JVM defaults", asBuilt.with(entrypoint(defaults)), first, environment);
            }
            memorySizes(image, asBuilt, first, environment);
        }
    }

    /**
     * The image as built with the memory and the share of a CPU Lambda gives each of {@link #MEMORY_SIZES_MB}: its
     * cold start, then its peak resident set and median request after {@value #REQUESTS} requests, and what a million
     * requests cost. The size the report recommends is the smallest that holds the peak with headroom and starts
     * within {@value #SLOWER_START_ALLOWED}× of one full vCPU's cold start.
     */
    private static void memorySizes(ServiceImage image, Containers.LambdaLauncher asBuilt, Api.Request first,
                                    Map<String, String> environment) {
        JsonObjectBuilder sizes = Json.createObjectBuilder();
        Map<Integer, Double> coldStarts = new LinkedHashMap<>();
        Map<Integer, Long> peaks = new LinkedHashMap<>();
        for (int mb : MEMORY_SIZES_MB) {
            Containers.LambdaLauncher sized = asBuilt.with(container -> container.withCreateContainerCmdModifier(
                    create -> create.getHostConfig().withMemory(mb * 1024L * 1024).withMemorySwap(mb * 1024L * 1024)
                            .withNanoCPUs(LambdaCost.nanoCpus(mb))));
            coldStarts.put(mb, median(measure(image.module() + " at " + mb + " MB", sized, first, environment)));
            Containers.WarmRun run = sized.warmRun(first, environment, REQUESTS);
            // Each size by its own peak: the JVM sizes its heap from the memory it is given.
            peaks.put(mb, run.peakRssBytes());
            double dollars = LambdaCost.dollarsPerMillionRequests(mb, run.medianMillis());
            System.out.printf("memory      %-32s peak RSS %4d MiB after %d requests, median request %.1f ms:"
                              + " $%.2f per million requests%n", image.module() + " at " + mb + " MB",
                              run.peakRssBytes() >> 20, REQUESTS, run.medianMillis(), dollars);
            sizes.add(mb + " MB", Json.createObjectBuilder()
                    .add("coldStartMedianMs", coldStarts.get(mb))
                    .add("peakRssMiB", run.peakRssBytes() / (1024.0 * 1024))
                    .add("medianRequestMs", run.medianMillis())
                    .add("dollarsPerMillionRequests", dollars));
        }
        double oneVcpu = coldStarts.get(LambdaCost.MB_PER_VCPU);
        long peakRss = peaks.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        int fits = LambdaCost.smallestSizeMb(peakRss);
        int recommended = coldStarts.entrySet().stream()
                .filter(size -> size.getKey() >= LambdaCost.smallestSizeMb(peaks.get(size.getKey()))
                                && size.getValue() <= SLOWER_START_ALLOWED * oneVcpu)
                .map(Map.Entry::getKey).findFirst().orElse(Math.max(fits, LambdaCost.MB_PER_VCPU));
        System.out.printf("memory      %-32s recommended memory_size %d MB (holds the peak from %d MB)%n",
                          image.module(), recommended, fits);
        BenchReport.add("memory", image.module(), Json.createObjectBuilder()
                .add("requests", REQUESTS)
                .add("peakRssMiB", peakRss / (1024.0 * 1024))
                .add("smallestSizeHoldingThePeakMb", fits)
                .add("recommendedMemorySizeMb", recommended)
                .add("sizes", sizes)
                .build());
    }

    /** The entrypoint's JVM flags, less its archive: what every function of the benchmark runs with. */
    private static List<String> lambdaFlags(List<String> entrypoint) {
        return entrypoint.subList(1, entrypoint.indexOf("-cp")).stream().filter(flag -> !flag.equals(AOT_CACHE))
                .toList();
    }

    /** Each service's main read route for a signed-in user with a profile: token check, database, JSON. */
    private static Api.Request firstRequest(ServiceImage image, String token) {
        String path = switch (image) {
            case USERS -> "/api/users/me";
            case IMAGES -> "/api/images/quota";
            case GALLERY -> "/api/gallery/me";
        };
        return Api.Request.of("GET", path).bearer(token);
    }

    /** Measures a variant, adds it to the report as {@code coldStartMs."<name>"} and returns its summary. */
    private static JsonObject measure(String name, Containers.LambdaLauncher launcher, Api.Request first,
                                      Map<String, String> environment) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Containers.ColdStart coldStart = launcher.coldStart(first, environment);
            assertEquals(200, coldStart.response().status(), coldStart.response()::toString);
            millis.add((double) coldStart.time().toMillis());
        }
        JsonObject summary = BenchReport.summary(millis);
        System.out.printf("cold start  %-32s median %5.0f ms  (runs: %s)%n", name, median(summary), millis);
        BenchReport.add("coldStartMs", name, summary);
        return summary;
    }

    private static double median(JsonObject summary) {
        return summary.getJsonNumber("median").doubleValue();
    }

    private static List<String> with(List<String> flags, String flag) {
        List<String> changed = new ArrayList<>(flags);
        changed.add(flag);
        return changed;
    }

    /** {@code entrypoint} with {@code flag} replaced by {@code replacements} (none: removed). */
    private static List<String> replace(List<String> entrypoint, String flag, String... replacements) {
        List<String> changed = new ArrayList<>(entrypoint);
        int at = changed.indexOf(flag);
        changed.remove(at);
        changed.addAll(at, List.of(replacements));
        return changed;
    }

    private static UnaryOperator<GenericContainer<?>> entrypoint(List<String> entrypoint) {
        return container -> container.withCreateContainerCmdModifier(create -> create.withEntrypoint(entrypoint));
    }
}
