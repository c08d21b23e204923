package dev.cloudgallery.testing.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import io.helidon.config.Config;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/** A service that shows what reached it, started the way a real service's {@code Main.start(Config)} is. */
public final class EchoService {
    private static final JsonProvider JSON = JsonProvider.provider();

    private EchoService() {
    }

    /** Starts the server on the config's {@code server} node. */
    public static WebServer start(Config config) {
        return WebServer.builder()
                .config(config.get("server"))
                .routing(routing -> routing
                        .any("/echo", EchoService::echo)
                        .any("/echo/*", EchoService::echo)
                        .get("/binary", (req, res) -> res
                                .header(HeaderNames.CONTENT_TYPE, "application/octet-stream")
                                .send(allBytes()))
                        .get("/latin1", (req, res) -> res
                                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=ISO-8859-1")
                                .send("café".getBytes(StandardCharsets.ISO_8859_1)))
                        .get("/cookies", (req, res) -> {
                            res.headers()
                                    .addCookie(SetCookie.builder("session", "s1").path("/").httpOnly(true).build())
                                    .addCookie(SetCookie.builder("theme", "dark").path("/").build());
                            res.status(Status.CREATED_201)
                                    .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                                    .send("two cookies");
                        })
                        .get("/sleep/{millis}", (req, res) -> {
                            Thread.sleep(Long.parseLong(req.path().pathParameters().get("millis")));
                            res.send("awake");
                        })
                        .get("/stream/{kib}", (req, res) -> {
                            // No length given: the server sends the answer in chunks.
                            try (var out = res.outputStream()) {
                                for (int i = 0; i < Integer.parseInt(req.path().pathParameters().get("kib")); i++) {
                                    out.write(kibibyte(i));
                                }
                            }
                        })
                        .get("/status/{code}", (req, res) -> {
                            res.status(Status.create(Integer.parseInt(req.path().pathParameters().get("code"))));
                            res.send();
                        }))
                .build()
                .start();
    }

    /** The bytes 0 to 255, which no text encoding carries intact. */
    static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** 1024 letters, all the letter of number {@code i}: a-z, then over again. */
    static byte[] kibibyte(int i) {
        byte[] letters = new byte[1024];
        Arrays.fill(letters, (byte) ('a' + i % 26));
        return letters;
    }

    private static void echo(ServerRequest req, ServerResponse res) {
        JsonObjectBuilder headers = JSON.createObjectBuilder();
        for (Header header : req.headers()) {
            headers.add(header.headerName().lowerCase(), String.join(",", header.allValues()));
        }
        JsonObjectBuilder cookies = JSON.createObjectBuilder();
        var requestCookies = req.headers().cookies();
        requestCookies.names().forEach(name -> cookies.add(name, requestCookies.get(name)));
        byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
        String echo = JSON.createObjectBuilder()
                .add("method", req.prologue().method().text())
                .add("path", req.path().rawPath())
                .add("query", req.query().rawValue())
                .add("headers", headers)
                .add("cookies", cookies)
                .add("body", Base64.getEncoder().encodeToString(body))
                // Tells one client connection from another.
                .add("peerPort", req.remotePeer().port())
                .build()
                .toString();
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(echo);
    }
}
