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

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * The local stand-in for CloudFront and API Gateway: {@code /api/<name>/...} goes to the service that owns the
 * prefix, unchanged; {@code /s3/...} to the S3 stand-in, so the browser's uploads and rendition URLs stay on this
 * origin as CloudFront keeps renditions on the site's; everything else is the frontend's static files, with
 * {@code index.html} for the app's own paths (as the distribution's function does) and the site's security headers.
 * Services see the same paths as in AWS.
 */
final class Gateway {
    /**
     * The site's Content-Security-Policy as CloudFront sends it (terraform/modules/platform/cdn.tf), less what only
     * holds there: the S3 bucket's origin (here S3 is on this origin) and upgrade-insecure-requests (here is plain
     * HTTP). The Terraform tests keep it, compose's nginx and CloudFront's in step.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
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
     * @param s3          the S3 stand-in's endpoint, served at {@code /s3/}
     * @param originValue the origin header's value, added to every API request and replacing any value the client
     *                    sent, as CloudFront's API origin does
     */
    static WebServer start(int port, Map<String, Integer> upstreams, URI s3, Path frontend, String originValue) {
        return WebServer.builder()
                // The local stack's credentials and confirmation codes are public: never serve beyond this machine.
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> {
                    upstreams.forEach((prefix, upstream) -> {
                        URI service = URI.create("http://127.0.0.1:" + upstream);
                        routing.any(prefix, (req, res) -> forward(req, res, service, "", originValue));
                        routing.any(prefix + "/*", (req, res) -> forward(req, res, service, "", originValue));
                    });
                    routing.any("/s3/*", (req, res) -> forward(req, res, s3, "/s3", null));
                    if (Files.isDirectory(frontend)) {
                        // As CloudFront's response headers policy, on the site's files and the API's answers. The
                        // source files keep their names here (make run serves no release copy): always revalidated.
                        routing.addFilter((chain, req, res) -> {
                            String path = req.path().path();
                            if (!path.startsWith("/s3/")) {
                                securityHeaders(res);
                            }
                            if (!path.startsWith("/s3/") && !path.startsWith("/api/")) {
                                res.header(HeaderNames.CACHE_CONTROL, "no-cache");
                            }
                            chain.proceed();
                        });
                        Path index = frontend.resolve("index.html");
                        routing.get("/*", (req, res) -> {
                            String path = req.path().path();
                            if (path.substring(path.lastIndexOf('/') + 1).contains(".")) {
                                res.next();
                            } else {
                                res.headers().contentType(MediaTypes.TEXT_HTML);
                                res.send(Files.readAllBytes(index));
                            }
                        });
                        routing.register("/", StaticContentService.builder(frontend).build());
                    } else {
                        routing.get("/", (req, res) -> res.send("Cloud Gallery local stack: the APIs are under "
                                                                        + String.join(", ", upstreams.keySet())));
                    }
                })
                .build()
                .start();
    }

    /** What CloudFront's response headers policy adds, less HSTS (plain HTTP here). */
    private static void securityHeaders(ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("Referrer-Policy"), "strict-origin-when-cross-origin");
    }

    /**
     * Sends the request on to {@code upstream}, its path less {@code strip}; with {@code originValue}, as an API
     * request that carries the origin header.
     */
    private static void forward(ServerRequest req, ServerResponse res, URI upstream, String strip, String originValue)
            throws IOException {
        String query = req.query().rawValue();
        URI target = URI.create(upstream + req.path().rawPath().substring(strip.length())
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
        if (originValue != null) {
            out.header(OriginGuard.HEADER.defaultCase(), originValue);
        }
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
