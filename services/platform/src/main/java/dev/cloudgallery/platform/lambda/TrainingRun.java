package dev.cloudgallery.platform.lambda;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
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
 * The training run behind each image's AOT cache, which more than halves a function's cold start. The image build
 * runs this in the image's own JVM with {@code -XX:AOTCacheOutput}: the real runtime interface client
 * and the service's handler go through init and a handful of requests on the usual paths (health, OpenAPI, an unknown
 * route, a signed-in user's, a forged token, a malformed body, a request without the origin header), then the JVM
 * exits and writes the classes it loaded, linked, to the cache. The image build gives it a database of its own with
 * the service's schema, so logging in and querying are trained too; without one the requests that need it are 503s.
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
    /** The key the JWKS publishes, so that a token it signs passes the service's whole check, as a user's does. */
    private static final KeyPair KEY = keyPair();
    private static final String JWKS = jwks((RSAPublicKey) KEY.getPublic());

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
        String token = validToken(config.get("auth.issuer").asString().get(),
                                  config.get("auth.client-ids").asString().get().split(",")[0].trim());
        TrainingRun training = new TrainingRun(events(prefix, origin, token));
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
            exit(0);
        }
    }

    private static void initFailed(ServerRequest req, ServerResponse res) {
        System.err.println("init failed during the training run: " + req.content().as(String.class));
        res.status(Status.ACCEPTED_202).send();
        exit(1);
    }

    /**
     * Exiting is what writes the cache: the JVM assembles it in a child process and waits for it, on the thread that
     * exits. Without the shutdown hooks: the server's hook stops it and interrupts its request threads, this one too,
     * which ended that wait with an InterruptedException, and wakes the runtime client's native loop mid-exit, which
     * crashed the JVM; either left no cache, in one build in a few.
     */
    private static void exit(int status) {
        Runtime.getRuntime().halt(status);
    }

    /**
     * Requests as CloudFront sends them (with {@code origin}), and one that bypassed it. A signed-in user's requests go
     * to each service's main read route ({@code /me} for users and the gallery, {@code /quota} for images; the other
     * path is whatever that service makes of it): the token check passes and the service queries its schema for a
     * user it has never seen. Each path is one service's; the others answer it with a 404.
     */
    private static List<JsonObject> events(String prefix, String origin, String token) {
        List<JsonObject> events = new ArrayList<>();
        events.add(event("GET", prefix + "/health", origin, null, null));
        events.add(event("GET", prefix + "/openapi", origin, null, null));
        events.add(event("GET", prefix + "/no-such-route", origin, null, null));
        events.add(event("GET", prefix + "/me", origin, "Bearer " + token, null));
        events.add(event("GET", prefix + "/quota", origin, "Bearer " + token, null));
        events.add(event("GET", prefix + "/me", origin, "Bearer " + FORGED_TOKEN, null));
        events.add(event("POST", prefix + "/login", origin, null, "{\"email\":"));
        // Routes whose SDK client is built at its first use, so that its classes and its first call are cached too: a
        // sign-in (Cognito, unreachable here: a 503) and an upload grant (S3's request signing). Measured for the
        // sign-in: a cold start that begins with one took 0.95-1.16 s without, 0.64-0.69 s with; user-service's
        // cache grows from 35 to 45 MB, which costs a cold start on other routes at most a few tens of ms.
        events.add(event("POST", prefix + "/login", origin, null,
                         "{\"email\":\"training@example.com\",\"password\":\"Training-password-1\"}"));
        events.add(event("POST", prefix, origin, "Bearer " + token,
                         "{\"filename\":\"training.jpg\",\"contentType\":\"image/jpeg\",\"size\":1024}"));
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

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token as Cognito issues one to the app client, signed by {@link #KEY}, valid for an hour. */
    private static String validToken(String issuer, String clientId) {
        long now = System.currentTimeMillis() / 1000;
        String signed = base64Url("{\"alg\":\"RS256\",\"kid\":\"training\",\"typ\":\"JWT\"}") + "."
                + base64Url(Json.createObjectBuilder()
                                    .add("iss", issuer).add("sub", "00000000-0000-7000-8000-000000000001")
                                    .add("username", "training").add("token_use", "access").add("client_id", clientId)
                                    .add("scope", "aws.cognito.signin.user.admin")
                                    .add("iat", now).add("exp", now + 3600).add("jti", "training")
                                    .build().toString());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(KEY.getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(RSAPublicKey key) {
        return Json.createObjectBuilder()
                .add("keys", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("kty", "RSA").add("alg", "RS256").add("use", "sig").add("kid", "training")
                        .add("n", base64Url(key.getModulus()))
                        .add("e", base64Url(key.getPublicExponent()))))
                .build()
                .toString();
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
