package dev.cloudgallery.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.cloudgallery.images.ImageJourney;
import dev.cloudgallery.localaws.Ports;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.HttpApi;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code make run} promises, checked on the real thing: the stack starts as one process on its own, serves the
 * user API through its gateway, takes an upload to READY through its worker, listens on loopback only, stops every child when it is stopped, and keeps accounts
 * across a restart.
 */
class DevStackTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String PASSWORD = "Correct-Horse-9";

    @Test
    void servesTheUserApiStopsItsChildrenAndKeepsData() throws Exception {
        Path data = Files.createTempDirectory("devstack-test");
        int gateway = Ports.free();
        int postgres = Ports.free();
        int cognito = Ports.free();
        int s3 = Ports.free();
        int sqs = Ports.free();
        Map<String, String> env = Map.of("DEVSTACK_DATA", data.toString(), "PORT", String.valueOf(gateway),
                                         "POSTGRES_PORT", String.valueOf(postgres),
                                         "COGNITO_PORT", String.valueOf(cognito),
                                         "S3_PORT", String.valueOf(s3), "SQS_PORT", String.valueOf(sqs));
        Api api = new HttpApi(URI.create("http://127.0.0.1:" + gateway));
        String email = "dev-" + UUID.randomUUID() + "@example.com";

        Process first = start(env, data.resolve("first.log"));
        try {
            for (String service : List.of("users", "images", "gallery")) {
                Api.Response health = api.get("/api/" + service + "/health");
                assertEquals(200, health.status(), health::toString);
            }
            assertEquals(201, api.post("/api/users/register", Json.createObjectBuilder()
                    .add("email", email).add("password", PASSWORD).add("displayName", "Dev").build()).status());
            assertEquals(204, api.post("/api/users/confirm", Json.createObjectBuilder()
                    .add("email", email).add("code", TestStack.CONFIRMATION_CODE).build()).status());
            Api.Response login = login(api, email);
            assertEquals(200, login.status());
            ImageJourney.run(api, login.json().getString("accessToken"));

            // The web app at /, its own paths answered with index.html, under the site's security headers.
            Api.Response app = api.get("/");
            assertEquals(200, app.status(), app::toString);
            assertTrue(app.text().contains("<title>Cloud Gallery</title>"), app::text);
            assertEquals(Gateway.CONTENT_SECURITY_POLICY, app.header("Content-Security-Policy"));
            assertEquals(app.text(), api.get("/shared/" + "A".repeat(43)).text(), "an app route is the app");
            assertTrue(api.get("/js/app.js").header("Content-Type").contains("javascript"));
            assertEquals(404, api.get("/js/missing.js").status(), "a missing file is not the app");

            // Its credentials and confirmation codes are public: nothing it starts may listen beyond loopback.
            ListeningSockets sockets = ListeningSockets.of(first.toHandle(), Set.of(gateway, postgres, cognito, s3,
                                                                                   sqs));
            assertTrue(sockets.addresses().size() >= 8, "gateway, PostgreSQL, cognito-local, S3Mock, ElasticMQ and "
                                                        + "three services: " + sockets.addresses());
            assertEquals(List.of(), sockets.beyondLoopback(), "sockets listening beyond loopback");
        } finally {
            stop(first);
        }
        for (int port : List.of(gateway, postgres, cognito, s3, sqs)) {
            assertFalse(listening(port), "port " + port + " is still served after the stack stopped");
        }

        Process second = start(env, data.resolve("second.log"));
        try {
            Api.Response login = login(api, email);
            assertEquals(200, login.status(), "the account survives a restart: " + login);
            String token = login.json().getString("accessToken");
            Api.Response me = api.send(Api.Request.of("GET", "/api/users/me").bearer(token));
            assertEquals(email, me.json().getString("email"), me::toString);
        } finally {
            stop(second);
        }
    }

    private static Api.Response login(Api api, String email) {
        return api.post("/api/users/login", Json.createObjectBuilder()
                .add("email", email).add("password", PASSWORD).build());
    }

    private static Process start(Map<String, String> env, Path log) throws IOException {
        String classpath = System.getProperty("java.class.path");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                    "-cp", classpath, DevStack.class.getName())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!Files.readString(log).contains("Cloud Gallery is running")) {
            assertTrue(process.isAlive(), () -> "the stack exited: " + read(log));
            assertTrue(Instant.now().isBefore(deadline), () -> "the stack did not start: " + read(log));
            sleep();
        }
        return process;
    }

    /** SIGTERM, as Ctrl-C's SIGINT, runs the stack's shutdown hooks. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the stack did not stop");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (process.descendants().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            sleep();
        }
    }

    private static boolean listening(int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
