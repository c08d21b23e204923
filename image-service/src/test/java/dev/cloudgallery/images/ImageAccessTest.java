package dev.cloudgallery.images;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.Tokens;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.HttpApi;
import dev.cloudgallery.testing.api.LambdaApi;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;

import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static dev.cloudgallery.images.UploadGrantTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who sees which image, pages of one's own images, and the quota's limits under concurrent grants; over HTTP on a
 * service with small limits, and through the Lambda runtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageAccessTest {
    private static final int MAX_IMAGES = 3;
    private static final long MAX_BYTES = 1000;

    private final Tokens tokens = Tokens.forPool(TestStack.shared().pool());
    private WebServer server;
    private Api api;

    @BeforeAll
    void start() {
        Map<String, String> environment = LocalAws.httpServer(TestStack.shared().serviceEnvironment("images"), 0);
        environment.put("images.max-images-per-owner", String.valueOf(MAX_IMAGES));
        environment.put("images.max-bytes-per-owner", String.valueOf(MAX_BYTES));
        server = Main.start(ServiceConfig.load(environment));
        api = HttpApi.onPort(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void anImageIsTheOwnersAloneUntilPublicAndReady() {
        String owner = UUID.randomUUID().toString();
        String imageId = grant(api, owner, 10).json().getString("imageId");
        Response mine = api.send(get("/api/images/" + imageId, owner));
        assertEquals(200, mine.status(), mine::toString);
        assertEquals(imageId, mine.json().getString("imageId"));

        // A PENDING image, public or not, is nobody else's business; neither is a probe with a made-up id.
        String publicPending = grant(api, owner, 10, "public").json().getString("imageId");
        for (String id : List.of(imageId, publicPending)) {
            assertEquals(404, api.send(get("/api/images/" + id, UUID.randomUUID().toString())).status());
            assertEquals(404, api.send(Request.of("GET", "/api/images/" + id)).status());
        }
        assertEquals(404, api.send(get("/api/images/" + UUID.randomUUID(), owner)).status());
        assertEquals(404, api.send(get("/api/images/not-a-uuid", owner)).status());
    }

    @Test
    void listsOnlyTheCallersImagesPageByPageEachOnce() {
        String owner = UUID.randomUUID().toString();
        Set<String> granted = new HashSet<>();
        for (int i = 0; i < MAX_IMAGES; i++) {
            granted.add(grant(api, owner, 1).json().getString("imageId"));
        }
        grant(api, UUID.randomUUID().toString(), 1);

        List<String> seen = new ArrayList<>();
        List<Instant> created = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.send(get("/api/images?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), owner));
            assertEquals(200, page.status(), page::toString);
            page.json().getJsonArray("items").getValuesAs(JsonObject.class).forEach(image -> {
                seen.add(image.getString("imageId"));
                created.add(Instant.parse(image.getString("createdAt")));
            });
            cursor = page.json().getString("nextCursor", null);
        } while (cursor != null);
        assertEquals(granted, new HashSet<>(seen));
        assertEquals(granted.size(), seen.size(), "each image once");
        List<Instant> newestFirst = new ArrayList<>(created);
        newestFirst.sort(Comparator.reverseOrder());
        assertEquals(newestFirst, created, "newest first");

        assertEquals(MAX_IMAGES, api.send(get("/api/images?status=PENDING", owner)).json()
                .getJsonArray("items").size());
        assertEquals(0, api.send(get("/api/images?status=READY", owner)).json().getJsonArray("items").size());
    }

    @Test
    void refusesBadPagingWith400() {
        String owner = UUID.randomUUID().toString();
        String tampered = Base64.getUrlEncoder().encodeToString("12/not-a-uuid".getBytes());
        String beforeTime = Base64.getUrlEncoder().encodeToString((Long.MIN_VALUE + "/" + UUID.randomUUID()).getBytes());
        String afterTime = Base64.getUrlEncoder().encodeToString((Long.MAX_VALUE + "/" + UUID.randomUUID()).getBytes());
        for (String query : List.of("limit=0", "limit=101", "limit=ten", "status=DONE", "cursor=%25%25",
                                    "cursor=" + tampered, "cursor=bm90LWEtY3Vyc29y", "cursor=" + beforeTime,
                                    "cursor=" + afterTime)) {
            Response refused = api.send(get("/api/images?" + query, owner));
            assertEquals(400, refused.status(), () -> query + " -> " + refused);
            assertEquals("application/problem+json", refused.header("content-type"));
        }
    }

    @Test
    void concurrentGrantsNeverTakeAnOwnerPastTheLimits() throws Exception {
        String owner = UUID.randomUUID().toString();
        List<Callable<Integer>> grants = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            grants.add(() -> grant(api, owner, 1).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : threads.invokeAll(grants)) {
                statuses.add(status.get());
            }
        }
        assertEquals(MAX_IMAGES, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 403), statuses::toString);

        String other = UUID.randomUUID().toString();
        assertEquals(201, grant(api, other, MAX_BYTES - 1).status());
        Response tooMuch = grant(api, other, 2);
        assertEquals(403, tooMuch.status(), tooMuch::toString);
        assertTrue(tooMuch.json().getString("type").endsWith("/quota-exceeded"), tooMuch::toString);
        assertEquals(MAX_BYTES - 1, tooMuch.json().getJsonNumber("bytes").longValue());
        assertEquals(201, grant(api, other, 1).status(), "exactly up to the limit");
    }

    @Test
    void theSameRoutesAnswerThroughTheLambdaRuntime() {
        try (LambdaRuntimeHarness function = LambdaRuntimeHarness.start(
                ImagesLambda.class.getName() + "::handleRequest", TestStack.shared().serviceEnvironment("images"))) {
            Api lambda = new LambdaApi(function);
            String owner = UUID.randomUUID().toString();
            Response granted = grant(lambda, owner, 10);
            assertEquals(201, granted.status(), granted::toString);
            String imageId = granted.json().getString("imageId");
            assertEquals(200, lambda.send(get("/api/images/" + imageId, owner)).status());
            assertEquals(404, lambda.send(get("/api/images/" + imageId, UUID.randomUUID().toString())).status());
            JsonObject quota = lambda.send(get("/api/images/quota", owner)).json();
            assertEquals(1, quota.getInt("images"));
            assertFalse(lambda.send(Request.of("GET", "/api/images")).status() == 200);
            Response patched = lambda.send(Request.of("PATCH", "/api/images/" + imageId).bearer(token(owner))
                                                   .json(Json.createObjectBuilder().add("title", "Via Lambda").build()));
            assertEquals(200, patched.status(), patched::toString);
            assertEquals("Via Lambda", patched.json().getString("title"));
            assertEquals(204, lambda.send(Request.of("DELETE", "/api/images/" + imageId).bearer(token(owner)))
                    .status());
            assertEquals(404, lambda.send(get("/api/images/" + imageId, owner)).status());
        }
    }

    private Response grant(Api to, String owner, long size) {
        return grant(to, owner, size, "private");
    }

    private Response grant(Api to, String owner, long size, String visibility) {
        return to.send(Request.of("POST", "/api/images").bearer(token(owner))
                               .json(request("a.png", "image/png", size).add("visibility", visibility).build()));
    }

    private Request get(String path, String owner) {
        return Request.of("GET", path).bearer(token(owner));
    }

    private String token(String userId) {
        return tokens.signedByPool(tokens.accessClaims(userId).build());
    }
}
