package dev.cloudgallery.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.cloudgallery.platform.media.CloudFrontSignedUrls;
import dev.cloudgallery.platform.media.MediaUrls;
import dev.cloudgallery.platform.media.RenditionUrls;
import dev.cloudgallery.platform.media.ReusedUrls;
import dev.cloudgallery.platform.paging.Cursors;
import dev.cloudgallery.platform.paging.Keyset;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.bench.BenchLog;
import dev.cloudgallery.testing.bench.BenchReport;
import dev.cloudgallery.testing.bench.HttpLoad;
import dev.cloudgallery.testing.bench.Wrk;

import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The feed at scale, side by side in one run: a million cards of ten thousand owners seeded by COPY
 * ({@link FeedSeed}), then each query at 32 concurrent clients over loopback, through HTTP (wrk: JSON, the origin
 * header, a token where the route checks one, URL signing) and as the same SQL straight to PostgreSQL (pgbench), one
 * after the other for each query. Printed, not asserted; run by {@code make bench} ({@code BENCH_QUICK=1}: shorter
 * runs on a twentieth of the cards).
 */
class FeedBenchmark extends GalleryTest {
    private static final boolean QUICK = System.getenv("BENCH_QUICK") != null;
    private static final int CARDS = QUICK ? 50_000 : 1_000_000;
    private static final int OWNERS = QUICK ? 500 : 10_000;
    private static final int CLIENTS = 32;
    private static final int SECONDS = QUICK ? 2 : 10;
    /** Page 10 000 at 24 a page (a tenth of the cards hold 3 000 pages). */
    private static final int DEEP_PAGE = QUICK ? 1_500 : 10_000;
    /** The columns CardRepository reads for a card, and its search, as raw SQL. */
    private static final String COLUMNS = "image_id, owner_id, owner_display_name, title, description, visibility, "
            + "width, height, created_at, thumbnail_key, medium_key";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM cards WHERE NOT deleted AND ";
    private static final String ORDER = " ORDER BY created_at DESC, image_id DESC LIMIT 25;";

    /** One query: its HTTP request and the same query as SQL. */
    private record Query(String name, String path, boolean withToken, String sql) {
    }

    /** Throughput and latency of one run. */
    private record Run(double perSecond, double p50Millis, double p99Millis) {
    }

    @Test
    void measureTheFeedAtAMillionCards() throws Exception {
        assumeTrue(Wrk.installed() && onPath("pgbench"), "make bench installs wrk and pgbench (scripts/bench-tools.sh)");
        Map<String, String> env = gallery.environment();
        FeedSeed.Seeded seeded = FeedSeed.seed(env.get("DB_URL"), env.get("DB_USERNAME"), env.get("DB_PASSWORD"),
                                               CARDS, OWNERS);
        System.out.printf("%nSeeded %,d cards of %,d owners by COPY in %.1f s (indexes made after the load)%n",
                          seeded.cards(), seeded.owners(), seeded.took().toMillis() / 1000.0);

        String owner = seeded.ownerIds().getFirst();
        Keyset.Position deep = deepPosition(env);
        String deepCursor = Cursors.create(gallery.config()).seal(Keyset.cursor(deep.createdAt(), deep.id()));
        String search = "WITH matches AS (SELECT " + COLUMNS + ", ts_rank(search, q) AS rank FROM cards, "
                + "websearch_to_tsquery('english', '%s') q WHERE NOT deleted AND search @@ q AND visibility = 'public' "
                + "ORDER BY created_at DESC, image_id DESC LIMIT 1000) SELECT * FROM matches "
                + "ORDER BY rank DESC, created_at DESC, image_id DESC LIMIT 25;";
        List<Query> queries = List.of(
                new Query("feed, page 1", "/api/gallery/feed", false, PAGE + "visibility = 'public'" + ORDER),
                new Query("feed, page " + DEEP_PAGE, "/api/gallery/feed?cursor=" + deepCursor, false,
                          PAGE + "visibility = 'public' AND (created_at, image_id) < ('" + deep.createdAt() + "', '"
                          + deep.id() + "'::uuid)" + ORDER),
                new Query("a user's gallery (own view)", "/api/gallery/users/" + owner, true,
                          PAGE + "owner_id = '" + owner + "'::uuid" + ORDER),
                new Query("search, rare word", "/api/gallery/search?q=" + FeedSeed.RARE_WORD, false,
                          search.formatted(FeedSeed.RARE_WORD)),
                new Query("search, common word", "/api/gallery/search?q=" + FeedSeed.COMMON_WORD, false,
                          search.formatted(FeedSeed.COMMON_WORD)));

        String token = token(owner);
        Path work = Files.createTempDirectory("feed-bench");
        BenchLog.toFile("feed-benchmark");
        Map<String, Run[]> results = new LinkedHashMap<>();
        // Unmeasured: every query once first, so the JIT has compiled all their paths, as in a long-running server.
        for (Query query : queries) {
            wrk(url(query), query.withToken() ? token : null, SECONDS, false);
        }
        for (Query query : queries) {
            results.put(query.name(), new Run[]{wrk(url(query), query.withToken() ? token : null, SECONDS, true),
                                                pgbench(env, query.sql(), work)});
        }

        System.out.printf("%nAt %d concurrent clients over loopback, %d s each, %s cards (2 cores, one after another):%n",
                          CLIENTS, SECONDS, String.format("%,d", CARDS));
        System.out.printf("  %-30s %22s %22s   %s%n", "", "HTTP: req/s  p50  p99", "SQL: tx/s  p50  p99",
                          "HTTP/SQL p99");
        results.forEach((name, runs) -> System.out.printf(
                "  %-30s %8.0f %6.2f %6.2f ms %8.0f %6.2f %6.2f ms   %5.1f×%n", name, runs[0].perSecond(),
                runs[0].p50Millis(), runs[0].p99Millis(), runs[1].perSecond(), runs[1].p50Millis(),
                runs[1].p99Millis(), runs[0].p99Millis() / runs[1].p99Millis()));
        Run first = results.get("feed, page 1")[0];
        Run deepRun = results.get("feed, page " + DEEP_PAGE)[0];
        System.out.printf("  page %d / page 1 through HTTP: p50 %.2f×, p99 %.2f×, req/s %.2f×%n", DEEP_PAGE,
                          deepRun.p50Millis() / first.p50Millis(), deepRun.p99Millis() / first.p99Millis(),
                          first.perSecond() / deepRun.perSecond());
        Map<String, Double> signing = signingCostPerPage();

        JsonObjectBuilder perQuery = Json.createObjectBuilder();
        results.forEach((name, runs) -> perQuery.add(name, Json.createObjectBuilder()
                .add("httpRequestsPerSecond", runs[0].perSecond()).add("httpP50Ms", runs[0].p50Millis())
                .add("httpP99Ms", runs[0].p99Millis()).add("sqlTransactionsPerSecond", runs[1].perSecond())
                .add("sqlP50Ms", runs[1].p50Millis()).add("sqlP99Ms", runs[1].p99Millis())));
        JsonObjectBuilder signingPerPage = Json.createObjectBuilder();
        signing.forEach(signingPerPage::add);
        BenchReport.put("feed", Json.createObjectBuilder()
                .add("cards", CARDS).add("owners", OWNERS).add("seedSeconds", seeded.took().toMillis() / 1000.0)
                .add("clients", CLIENTS).add("secondsPerRun", SECONDS).add("deepPage", DEEP_PAGE)
                .add("deepOverFirstPageP50", deepRun.p50Millis() / first.p50Millis())
                .add("deepOverFirstPageP99", deepRun.p99Millis() / first.p99Millis())
                .add("queries", perQuery).add("signingMicrosecondsPerPage", signingPerPage).build());

        HttpLoad.measure("gallery-service GET /api/gallery/feed", url(queries.getFirst()),
                         Map.of("X-Origin-Verify", TestStack.ORIGIN_VALUE));
    }

    private String url(Query query) {
        return "http://127.0.0.1:" + gallery.server().port() + query.path();
    }

    /** The position of the last card of page {@link #DEEP_PAGE - 1}, where page {@link #DEEP_PAGE} begins. */
    private static Keyset.Position deepPosition(Map<String, String> env) throws Exception {
        try (Connection connection = DriverManager.getConnection(env.get("DB_URL"), env.get("DB_USERNAME"),
                                                                 env.get("DB_PASSWORD"));
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT created_at, image_id FROM cards WHERE NOT deleted AND "
                                                    + "visibility = 'public' ORDER BY created_at DESC, image_id DESC "
                                                    + "OFFSET " + (DEEP_PAGE - 1) * 24 + " LIMIT 1")) {
            assertTrue(row.next(), "fewer public cards than " + DEEP_PAGE + " pages");
            return new Keyset.Position(row.getTimestamp("created_at").toInstant(), row.getString("image_id"));
        }
    }

    /**
     * A page holds 24 cards of two URLs each: what signing them costs, for the S3 presigner of local runs and the
     * CloudFront signer of deployments (an RSA signature per URL), in this JVM, warmed up; for CloudFront also when
     * the same page is asked again, whose URLs the signer hands out again.
     */
    private Map<String, Double> signingCostPerPage() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        RenditionUrls cloudFront = new ReusedUrls(new CloudFrontSignedUrls("https://gallery.example", "K2JCJMDEHXQW5F",
                                                                           pem, Clock.systemUTC()), Clock.systemUTC());
        List<String> samePage = Stream.generate(() -> "derivatives/" + UUID.randomUUID() + "/thumbnail").limit(48)
                .toList();
        System.out.println("  Signing the 48 URLs of a page (median, min–max of 200 pages):");
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("s3PresignedNew", signing("S3 presigned, every URL new (local runs)",
                                              MediaUrls.create(gallery.config(), "bench"), null));
        medians.put("cloudFrontNew", signing("CloudFront, every URL new (deployed)", cloudFront, null));
        medians.put("cloudFrontSamePage", signing("CloudFront, the same page again", cloudFront, samePage));
        return medians;
    }

    /** The median microseconds of signing a page's URLs. */
    private static double signing(String name, RenditionUrls signer, List<String> keys) {
        List<Double> micros = new ArrayList<>();
        for (int page = 0; page < 250; page++) {
            List<String> urls = keys != null ? keys
                    : Stream.generate(() -> "derivatives/" + UUID.randomUUID() + "/thumbnail").limit(48).toList();
            long start = System.nanoTime();
            urls.forEach(key -> signer.url(key, Duration.ofMinutes(15)));
            if (page >= 50) {
                micros.add((System.nanoTime() - start) / 1000.0);
            }
        }
        Collections.sort(micros);
        System.out.printf("    %-42s %8.0f µs per page (%.0f–%.0f)%n", name, micros.get(100), micros.getFirst(),
                          micros.getLast());
        return micros.get(100);
    }

    private static Run wrk(String url, String token, int seconds, boolean measured) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("X-Origin-Verify", TestStack.ORIGIN_VALUE));
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        Wrk.Result result = Wrk.run(url, headers, CLIENTS, Duration.ofSeconds(seconds));
        // A warm-up may time out while the JIT is still at work; a measured run must be clean.
        assertTrue(!measured || result.errors() == 0, result.output());
        return new Run(result.requestsPerSecond(), result.latencyMs().get("p50"), result.latencyMs().get("p99"));
    }

    private static Run pgbench(Map<String, String> env, String sql, Path work) throws IOException, InterruptedException {
        Path script = Files.writeString(work.resolve("query.sql"), sql);
        try (Stream<Path> old = Files.list(work)) {
            for (Path file : old.filter(p -> p.getFileName().toString().startsWith("pg.")).toList()) {
                Files.delete(file);
            }
        }
        String jdbc = env.get("DB_URL");
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(jdbc);
        assertTrue(url.find(), jdbc);
        String output = run(List.of("pgbench", "-n", "-h", url.group(1), "-p", url.group(2), "-U",
                                    env.get("DB_USERNAME"), "-c", String.valueOf(CLIENTS), "-j", "2",
                                    "-T", String.valueOf(SECONDS), "-M", "prepared", "-f", script.toString(), "-l",
                                    "--log-prefix=" + work.resolve("pg"), url.group(3)),
                            Map.of("PGPASSWORD", env.get("DB_PASSWORD")));
        List<Double> latencies = new ArrayList<>();
        try (Stream<Path> logs = Files.list(work)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("pg.")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    latencies.add(Long.parseLong(line.split(" ")[2]) / 1000.0);
                }
            }
        }
        Collections.sort(latencies);
        assertTrue(latencies.size() > 100, output);
        return new Run(number(output, "tps = ([\\d.]+)"), latencies.get(latencies.size() / 2),
                       latencies.get((int) (latencies.size() * 0.99)));
    }

    private static String run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        assertTrue(matcher.find(), output);
        return Double.parseDouble(matcher.group(1));
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
