package dev.cloudgallery.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.cloudgallery.platform.security.OriginGuard;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * The local stand-in for CloudFront and API Gateway: {@code /api/<name>/...} goes to the service that owns the
 * prefix, unchanged; everything else is the frontend's static files. Services see the same paths as in AWS.
 */
final class Gateway {
    // Hop-by-hop headers and those the client computes itself never cross a proxy.
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "transfer-encoding", "te",
                                                            "upgrade", "host", "content-length", "expect",
                                                            "proxy-connection", "trailer");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Gateway() {
    }

    /**
     * @param originValue the origin header's value, added to every API request and replacing any value the client
     *                    sent, as CloudFront's API origin does
     */
    static WebServer start(int port, Map<String, Integer> upstreams, Path frontend, String originValue) {
        return WebServer.builder()
                // The local stack's credentials and confirmation codes are public: never serve beyond this machine.
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> {
                    upstreams.forEach((prefix, upstream) -> {
                        routing.any(prefix, (req, res) -> forward(req, res, upstream, originValue));
                        routing.any(prefix + "/*", (req, res) -> forward(req, res, upstream, originValue));
                    });
                    if (Files.isDirectory(frontend)) {
                        routing.register("/", StaticContentService.builder(frontend)
                                .welcomeFileName("index.html")
                                .build());
                    } else {
                        routing.get("/", (req, res) -> res.send("Cloud Gallery local stack: the APIs are under "
                                                                        + String.join(", ", upstreams.keySet())));
                    }
                })
                .build()
                .start();
    }

    private static void forward(ServerRequest req, ServerResponse res, int upstream, String originValue)
            throws IOException {
        String query = req.query().rawValue();
        URI target = URI.create("http://127.0.0.1:" + upstream + req.path().rawPath()
                                        + (query.isEmpty() ? "" : "?" + query));
        byte[] body = req.content().hasEntity() ? req.content().inputStream().readAllBytes() : new byte[0];
        HttpRequest.Builder out = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(30))
                .method(req.prologue().method().text(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        req.headers().forEach(header -> {
            if (!NOT_FORWARDED.contains(header.name().toLowerCase(Locale.ROOT))
                    && !header.headerName().equals(OriginGuard.HEADER)) {
                header.allValues().forEach(value -> out.header(header.name(), value));
            }
        });
        out.header("X-Forwarded-For", req.remotePeer().host());
        out.header(OriginGuard.HEADER.defaultCase(), originValue);
        try {
            HttpResponse<byte[]> answer = CLIENT.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            res.status(Status.create(answer.statusCode()));
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    res.header(HeaderNames.create(name), values.toArray(String[]::new));
                }
            });
            res.send(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        } catch (IOException e) {
            res.status(Status.BAD_GATEWAY_502).send("The service behind " + req.path().rawPath()
                                                            + " is not answering.");
        }
    }
}
