package dev.cloudgallery.platform.lambda;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.json.Json;

import io.helidon.config.Config;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;

/**
 * The training run behind each image's class-data archive (AppCDS), which halves a function's cold start. The image
 * build runs this in the image's own JVM with {@code -XX:ArchiveClassesAtExit}: the real runtime interface client
 * and the service's handler go through init and a handful of requests on the usual paths (health with the database
 * unreachable, OpenAPI, an unknown route, a forged token, a malformed body, a request without the origin header),
 * then the JVM exits and writes the classes it loaded to the archive.
 * <p>
 * The Runtime API it serves itself, on {@code AWS_LAMBDA_RUNTIME_API}, which must be a loopback address; it also
 * serves a JWKS for an issuer under that address, so the service's token validation initialises as in AWS. Nothing
 * outside the container is needed.
 */
public final class TrainingRun {
    private static final String RIC = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String RUNTIME = "/2018-06-01/runtime";
    private static final Duration TIME_LIMIT = Duration.ofMinutes(2);
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();
    /** A well-formed RS256 token that no key in {@link #JWKS} signed. */
    private static final String FORGED_TOKEN = base64Url("{\"alg\":\"RS256\",\"kid\":\"training\"}") + "."
            + base64Url("{\"sub\":\"training\",\"token_use\":\"access\",\"client_id\":\"training\"}") + "."
            + base64Url("signature");

    private static final String JWKS = jwks();

    private final BlockingQueue<JsonObject> events;
    private final int total;
    private final AtomicInteger answered = new AtomicInteger();

    private TrainingRun(List<JsonObject> events) {
        this.events = new LinkedBlockingQueue<>(events);
        this.total = events.size();
    }

    /**
     * @param args the handler, as the image's command gives it
     */
    public static void main(String[] args) throws Exception {
        String runtimeApi = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (args.length != 1 || runtimeApi == null || !runtimeApi.startsWith("127.0.0.1:")) {
            System.err.println("usage: AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port> java ... TrainingRun <handler>");
            System.exit(2);
        }
        // A request that never gets its answer would leave the RIC waiting for the next event, and the build with it.
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(TIME_LIMIT.toMillis());
                System.err.println("the training run did not finish within " + TIME_LIMIT);
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Config config = ServiceConfig.load();
        String prefix = "/api/" + config.get("db.schema").asString().get();
        String origin = config.get("origin.values").asString().get().split(",")[0];
        TrainingRun training = new TrainingRun(events(prefix, origin));
        WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(runtimeApi.substring(runtimeApi.indexOf(':') + 1)))
                .routing(routing -> routing
                        .get("/{issuer}/.well-known/jwks.json", (req, res) -> res.send(JWKS))
                        .get(RUNTIME + "/invocation/next", training::next)
                        .post(RUNTIME + "/invocation/{id}/response", training::answered)
                        .post(RUNTIME + "/invocation/{id}/error", training::answered)
                        .post(RUNTIME + "/init/error", TrainingRun::initFailed))
                .build()
                .start();
        Class.forName(RIC).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    private void next(ServerRequest req, ServerResponse res) throws InterruptedException {
        JsonObject event = events.take();
        res.header("Lambda-Runtime-Aws-Request-Id", event.getJsonObject("requestContext").getString("requestId"));
        res.header("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        res.header("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:training");
        // The RIC's native client expects every header Lambda sends; a missing one crashes it.
        res.header("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        res.header("Content-Type", "application/json");
        res.send(event.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void answered(ServerRequest req, ServerResponse res) {
        res.status(Status.ACCEPTED_202).send();
        if (answered.incrementAndGet() == total) {
            // Exiting is what writes the archive.
            System.exit(0);
        }
    }

    private static void initFailed(ServerRequest req, ServerResponse res) {
        System.err.println("init failed during the training run: " + req.content().as(String.class));
        res.status(Status.ACCEPTED_202).send();
        System.exit(1);
    }

    /** Requests as CloudFront sends them (with {@code origin}), and one that bypassed it. */
    private static List<JsonObject> events(String prefix, String origin) {
        List<JsonObject> events = new ArrayList<>();
        events.add(event("GET", prefix + "/health", origin, null, null));
        events.add(event("GET", prefix + "/openapi", origin, null, null));
        events.add(event("GET", prefix + "/no-such-route", origin, null, null));
        events.add(event("GET", prefix + "/me", origin, "Bearer " + FORGED_TOKEN, null));
        events.add(event("POST", prefix + "/login", origin, null, "{\"email\":"));
        events.add(event("GET", prefix + "/health", null, null, null));
        return events;
    }

    private static JsonObject event(String method, String path, String origin, String authorization, String body) {
        var headers = Json.createObjectBuilder().add("host", "training.local").add("user-agent", "training");
        if (origin != null) {
            headers.add("x-origin-verify", origin);
        }
        if (authorization != null) {
            headers.add("authorization", authorization);
        }
        if (body != null) {
            headers.add("content-type", "application/json");
        }
        String requestId = "training-" + REQUEST_IDS.incrementAndGet();
        return Json.createObjectBuilder()
                .add("version", "2.0")
                .add("routeKey", "$default")
                .add("rawPath", path)
                .add("rawQueryString", "")
                .add("headers", headers)
                .add("requestContext", Json.createObjectBuilder()
                        .add("requestId", requestId)
                        .add("stage", "$default")
                        .add("timeEpoch", System.currentTimeMillis())
                        .add("http", Json.createObjectBuilder()
                                .add("method", method)
                                .add("path", path)
                                .add("protocol", "HTTP/1.1")
                                .add("sourceIp", "127.0.0.1")
                                .add("userAgent", "training")))
                .add("body", body == null ? "" : body)
                .add("isBase64Encoded", false)
                .build();
    }

    private static String jwks() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            return Json.createObjectBuilder()
                    .add("keys", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("kty", "RSA").add("alg", "RS256").add("use", "sig").add("kid", "training")
                            .add("n", base64Url(key.getModulus()))
                            .add("e", base64Url(key.getPublicExponent()))))
                    .build()
                    .toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(BigInteger number) {
        byte[] bytes = number.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOfRange(bytes, start, bytes.length));
    }
}
