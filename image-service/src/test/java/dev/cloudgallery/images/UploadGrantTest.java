package dev.cloudgallery.images;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cloudgallery.localaws.BrowserUpload;
import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.Tokens;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.HttpApi;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/images: what a grant checks, stores and signs, and that a browser can use it against the S3 stand-in. */
@ServerTest
class UploadGrantTest {
    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    private final Api api;
    private final Tokens tokens = Tokens.forPool(TestStack.shared().pool());

    UploadGrantTest(WebServer server) {
        this.api = HttpApi.onPort(server.port());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, TestStack.shared().serviceConfig("images"));
    }

    @Test
    void grantsAPostForOneObjectUnderTheServersKeyAndABrowserCanUseIt() throws Exception {
        String owner = UUID.randomUUID().toString();
        Response granted = api.send(grant(owner, request("cat.png", "image/png", 9)));
        assertEquals(201, granted.status(), granted::toString);
        JsonObject body = granted.json();
        String imageId = body.getString("imageId");
        assertEquals("PENDING", body.getString("status"));
        assertEquals("/api/images/" + imageId, granted.header("location"));
        assertEquals("no-store", granted.header("cache-control"));

        JsonObject upload = body.getJsonObject("upload");
        assertEquals("POST", upload.getString("method"));
        assertTrue(upload.getString("url").endsWith("/" + LocalAws.IMAGES_BUCKET), upload::toString);
        JsonObject fields = upload.getJsonObject("fields");
        assertEquals("originals/" + owner + "/" + imageId, fields.getString("key"));
        assertEquals("image/png", fields.getString("Content-Type"));
        String policy = new String(Base64.getDecoder().decode(fields.getString("policy")), StandardCharsets.UTF_8);
        assertTrue(policy.contains("[\"content-length-range\",1,9]"), policy);

        upload(body, "png bytes");
        try (S3Client s3 = TestStack.shared().s3().client()) {
            assertEquals("image/png", s3.headObject(b -> b.bucket(LocalAws.IMAGES_BUCKET)
                    .key("originals/" + owner + "/" + imageId)).contentType());
        }
    }

    @Test
    void completeHandsAnUploadedImageToProcessingOnceAndOnlyForItsOwner() throws Exception {
        String owner = UUID.randomUUID().toString();
        JsonObject granted = api.send(grant(owner, request("dog.jpg", "image/jpeg", 9))).json();
        String imageId = granted.getString("imageId");
        Request complete = Request.of("POST", "/api/images/" + imageId + "/complete").bearer(token(owner));

        Response early = api.send(complete);
        assertEquals(409, early.status(), early::toString);
        assertTrue(early.json().getString("type").endsWith("/not-uploaded"), early::toString);

        upload(granted, "jpg bytes");

        String stranger = UUID.randomUUID().toString();
        assertEquals(404, api.send(Request.of("POST", "/api/images/" + imageId + "/complete")
                                           .bearer(token(stranger))).status());
        assertEquals(401, api.send(Request.of("POST", "/api/images/" + imageId + "/complete")).status());

        for (int i = 0; i < 2; i++) {
            Response accepted = api.send(complete);
            assertEquals(202, accepted.status(), accepted::toString);
            assertEquals("PROCESSING", accepted.json().getString("status"));
        }
        assertEquals("PROCESSING", api.send(get("/api/images/" + imageId, owner)).json().getString("status"));
        try (SqsClient sqs = TestStack.shared().sqs().client()) {
            String queue = TestStack.shared().sqs().queueUrl("images-processing");
            List<String> bodies = new ArrayList<>();
            List<Message> received;
            do {
                received = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                received.forEach(message -> {
                    bodies.add(message.body());
                    sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
                });
            } while (!received.isEmpty());
            assertEquals(1, bodies.stream().filter(body -> body.contains(imageId)).count(),
                         () -> "one message for the image, however often it was completed: " + bodies);
        }
    }

    @Test
    void refusesBadInputAndStoresNothing() {
        String owner = UUID.randomUUID().toString();
        List<JsonObjectBuilder> bad = List.of(
                request("a.svg", "image/svg+xml", 10),
                request("a.png", "image/png", 0),
                request("a.png", "image/png", 25L * 1024 * 1024 + 1),
                request("", "image/png", 10),
                request("a.png", "image/png", 10).add("title", "t".repeat(201)),
                request("a.png", "image/png", 10).add("description", "d".repeat(2001)),
                request("a.png", "image/png", 10).add("visibility", "friends"),
                request("a.png", "image/png", 10).add("sha256", "abc"),
                request("a.png", "image/png", 10).add("size", "10"),
                request("a.png", "image/png", 10).add("size", 1.5),
                request("a.png", "image/png", 10).add("filename", "a\u0000.png"),
                request("a.png", "image/png", 10).add("description", "lines\nare fine, NUL \u0000 is not"),
                request("a.png", "image/png", 10).add("title", "SQS refuses \uFFFF"));
        for (JsonObjectBuilder body : bad) {
            JsonObject json = body.build();
            Response refused = api.send(grant(owner, Json.createObjectBuilder(json)));
            assertEquals(400, refused.status(), () -> json + " -> " + refused);
            assertEquals("application/problem+json", refused.header("content-type"));
            assertTrue(refused.json().containsKey("errors"), refused::toString);
        }
        assertEquals(0, quota(owner).getInt("images"));
    }

    @Test
    void takesNoServerOwnedFieldFromTheBody() {
        String owner = UUID.randomUUID().toString();
        Response granted = api.send(grant(owner, request("a.jpg", "image/jpeg", 100)
                .add("ownerId", UUID.randomUUID().toString()).add("status", "READY").add("imageId", "x")
                .add("createdAt", "2000-01-01T00:00:00Z")));
        assertEquals(201, granted.status(), granted::toString);
        JsonObject image = api.send(get("/api/images/" + granted.json().getString("imageId"), owner)).json();
        assertEquals(owner, image.getString("ownerId"));
        assertEquals("PENDING", image.getString("status"));
        assertTrue(image.getString("createdAt").startsWith("20"), image::toString);
        assertTrue(!image.getString("createdAt").startsWith("2000"), image::toString);
    }

    @Test
    void theSameBytesTwiceFromOneOwnerIsAConflictNamingTheFirstOnceUploaded() throws Exception {
        String owner = UUID.randomUUID().toString();
        String sha256 = HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
        Response first = api.send(grant(owner, request("a.png", "image/png", 10).add("sha256", sha256)));
        assertEquals(201, first.status(), first::toString);
        String imageId = first.json().getString("imageId");

        // Not uploaded yet (an expired grant, a closed tab): the same image again, with a fresh grant.
        Response retried = api.send(grant(owner, request("a.png", "image/png", 10).add("sha256", sha256)));
        assertEquals(201, retried.status(), retried::toString);
        assertEquals(imageId, retried.json().getString("imageId"));
        assertEquals(1, quota(owner).getInt("images"));

        upload(retried.json(), "10 bytes!!");
        assertEquals(202, api.send(Request.of("POST", "/api/images/" + imageId + "/complete")
                                           .bearer(token(owner))).status());
        Response again = api.send(grant(owner, request("b.png", "image/png", 10).add("sha256", sha256.toUpperCase())));
        assertEquals(409, again.status(), again::toString);
        assertEquals(imageId, again.json().getString("imageId"));
        assertEquals(201, api.send(grant(UUID.randomUUID().toString(),
                                         request("a.png", "image/png", 10).add("sha256", sha256))).status(),
                     "another owner's identical bytes are theirs to upload");
        assertEquals(1, quota(owner).getInt("images"));
    }

    @Test
    void quotaCountsPendingUploadsAgainstTheLimits() {
        String owner = UUID.randomUUID().toString();
        api.send(grant(owner, request("a.png", "image/png", 1000)));
        api.send(grant(owner, request("b.gif", "image/gif", 24)));
        JsonObject quota = quota(owner);
        assertEquals(2, quota.getInt("images"));
        assertEquals(1024, quota.getJsonNumber("bytes").longValue());
        assertEquals(1000, quota.getInt("maxImages"));
        assertEquals(5L * 1024 * 1024 * 1024, quota.getJsonNumber("maxBytes").longValue());
    }

    @Test
    void refusesAnUnpairedSurrogateThatOnlyAJsonEscapeCanCarry() {
        String owner = UUID.randomUUID().toString();
        byte[] body = "{\"filename\":\"a.png\",\"contentType\":\"image/png\",\"size\":10,\"title\":\"lone \\ud800\"}"
                .getBytes(StandardCharsets.UTF_8);
        Response refused = api.send(Request.of("POST", "/api/images").bearer(token(owner))
                                            .body("application/json", body));
        assertEquals(400, refused.status(), refused::toString);
        assertEquals(0, quota(owner).getInt("images"));
    }

    @Test
    void everyRouteNeedsAToken() {
        String owner = UUID.randomUUID().toString();
        String image = "/api/images/" + api.send(grant(owner, request("a.png", "image/png", 9))).json()
                .getString("imageId");
        JsonObject change = Json.createObjectBuilder().add("title", "t").build();
        for (Request request : List.of(Request.of("POST", "/api/images").json(request("a.png", "image/png", 1).build()),
                                       Request.of("GET", "/api/images"), Request.of("GET", "/api/images/quota"),
                                       Request.of("POST", image + "/complete"), Request.of("PATCH", image).json(change),
                                       Request.of("DELETE", image))) {
            Response refused = api.send(request);
            assertEquals(401, refused.status(), () -> request.method() + " " + request.path() + " " + refused);
            assertTrue(refused.header("www-authenticate").startsWith("Bearer"));
        }
        // GET by id takes no token: a public, ready image is anyone's to see; this one is neither.
        assertEquals(404, api.send(Request.of("GET", image)).status());
    }

    @Test
    void anotherUsersImageIsNotFoundOnEveryRouteAndUnchanged() {
        String owner = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        String image = "/api/images/" + api.send(grant(owner, request("a.png", "image/png", 9).add("title", "Mine")))
                .json().getString("imageId");
        for (Request request : List.of(get(image, stranger),
                                       Request.of("POST", image + "/complete").bearer(token(stranger)),
                                       Request.of("PATCH", image).bearer(token(stranger))
                                               .json(Json.createObjectBuilder().add("title", "Theirs").build()),
                                       Request.of("DELETE", image).bearer(token(stranger)))) {
            Response refused = api.send(request);
            assertEquals(404, refused.status(), () -> request.method() + " " + refused);
            assertTrue(refused.header("content-type").startsWith("application/problem+json"), refused::toString);
        }
        assertEquals(List.of(), api.send(get("/api/images", stranger)).json().getJsonArray("items"));
        JsonObject unchanged = api.send(get(image, owner)).json();
        assertEquals("Mine", unchanged.getString("title"));
        assertEquals("PENDING", unchanged.getString("status"));
    }

    /** Sends {@code content} as a browser would with the grant's upload target. */
    private static void upload(JsonObject grant, String content) throws Exception {
        upload(grant, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code content} as a browser would with the grant's upload target. */
    static void upload(JsonObject grant, byte[] content) throws Exception {
        JsonObject fields = grant.getJsonObject("upload").getJsonObject("fields");
        Map<String, String> form = new LinkedHashMap<>();
        fields.forEach((name, value) -> form.put(name, fields.getString(name)));
        HttpResponse<String> sent = BROWSER.send(BrowserUpload.request(grant.getJsonObject("upload").getString("url"),
                                                                       form, content),
                                                 HttpResponse.BodyHandlers.ofString());
        assertEquals(2, sent.statusCode() / 100, () -> sent.statusCode() + " " + sent.body());
    }

    private JsonObject quota(String owner) {
        Response quota = api.send(get("/api/images/quota", owner));
        assertEquals(200, quota.status(), quota::toString);
        return quota.json();
    }

    private Request grant(String owner, JsonObjectBuilder body) {
        return Request.of("POST", "/api/images").bearer(token(owner)).json(body.build());
    }

    private Request get(String path, String owner) {
        return Request.of("GET", path).bearer(token(owner));
    }

    private String token(String userId) {
        return tokens.signedByPool(tokens.accessClaims(userId).build());
    }

    static JsonObjectBuilder request(String filename, String contentType, long size) {
        return Json.createObjectBuilder().add("filename", filename).add("contentType", contentType).add("size", size);
    }
}
