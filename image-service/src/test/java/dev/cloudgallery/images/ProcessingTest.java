package dev.cloudgallery.images;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import dev.cloudgallery.images.processing.TestImages;
import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.queue.SqsPoller;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.Tokens;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.HttpApi;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;
import dev.cloudgallery.testing.lambda.SqsEvents;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static dev.cloudgallery.images.UploadGrantTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole life of an upload against the real stand-ins: grant, browser upload, complete, the worker function fed
 * the queue's own messages as SQS events through the real RIC, then access, changes and deletion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessingTest {
    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    private final Tokens tokens = Tokens.forPool(TestStack.shared().pool());
    private final LocalAws aws = TestStack.shared();
    private final String queueUrl = aws.sqs().queueUrl("images-processing");
    private Map<String, String> environment;
    private WebServer server;
    private Api api;
    private LambdaRuntimeHarness worker;
    private SqsClient sqs;
    private S3Client s3;

    @BeforeAll
    void start() {
        environment = new LinkedHashMap<>(aws.serviceEnvironment("images"));
        server = Main.start(ServiceConfig.load(LocalAws.httpServer(environment, 0)));
        api = HttpApi.onPort(server.port());
        worker = LambdaRuntimeHarness.start(WorkerLambda.class.getName() + "::handleRequest", environment);
        sqs = aws.sqs().client();
        s3 = aws.s3().client();
        drainQueue();
    }

    @AfterAll
    void stop() {
        worker.close();
        server.stop();
        sqs.close();
        s3.close();
    }

    @Test
    void aSidewaysPhotoWithGpsBecomesAnUprightImageWithoutMetadataThatOnlyItsOwnerSeesUntilPublic() throws Exception {
        String owner = UUID.randomUUID().toString();
        byte[] photo = TestImages.sidewaysJpegWithGps(1600, 1200);
        String imageId = uploadAndComplete(owner, "holiday.jpg", "image/jpeg", photo, photo.length);

        assertEquals(List.of(), failures(worker.invoke(SqsEvents.batch(SqsEvents.QUEUE_ARN, receive(1)))));

        JsonObject image = api.send(get("/api/images/" + imageId, owner)).json();
        assertEquals("READY", image.getString("status"), image::toString);
        assertEquals(1200, image.getInt("width"));
        assertEquals(1600, image.getInt("height"));
        assertEquals(photo.length, image.getJsonNumber("size").longValue());
        Map<String, int[]> sizes = Map.of("original", new int[]{1200, 1600}, "medium", new int[]{960, 1280},
                                          "thumbnail", new int[]{240, 320});
        for (var expected : sizes.entrySet()) {
            HttpResponse<byte[]> rendition = BROWSER.send(HttpRequest.newBuilder(URI.create(
                    image.getJsonObject("urls").getString(expected.getKey()))).build(),
                                                          HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, rendition.statusCode(), expected.getKey());
            assertEquals("image/jpeg", rendition.headers().firstValue("content-type").orElse(""));
            String bytes = new String(rendition.body(), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains(TestImages.GPS_MARKER) || bytes.contains("Exif"), expected.getKey());
            var decoded = ImageIO.read(new ByteArrayInputStream(rendition.body()));
            assertEquals(expected.getValue()[0] + "x" + expected.getValue()[1],
                         decoded.getWidth() + "x" + decoded.getHeight(), expected.getKey());
        }
        assertFalse(exists("originals/" + owner + "/" + imageId), "the upload, GPS and all, is gone");

        String stranger = UUID.randomUUID().toString();
        assertEquals(404, api.send(get("/api/images/" + imageId, stranger)).status());
        assertEquals(404, api.send(Request.of("GET", "/api/images/" + imageId)).status());
        assertEquals(404, api.send(patch(imageId, stranger, Json.createObjectBuilder().add("visibility", "public")))
                .status());
        assertEquals(404, api.send(Request.of("DELETE", "/api/images/" + imageId).bearer(token(stranger))).status());
        assertEquals(401, api.send(Request.of("DELETE", "/api/images/" + imageId)).status());

        Response published = api.send(patch(imageId, owner, Json.createObjectBuilder()
                .add("visibility", "public").add("title", " Holiday ").add("ownerId", stranger)
                .add("status", "REJECTED").add("width", 1)));
        assertEquals(200, published.status(), published::toString);
        assertEquals("Holiday", published.json().getString("title"));
        assertEquals(owner, published.json().getString("ownerId"));
        assertEquals("READY", published.json().getString("status"));
        assertEquals(1200, published.json().getInt("width"));
        Response anonymous = api.send(Request.of("GET", "/api/images/" + imageId));
        assertEquals(200, anonymous.status(), anonymous::toString);
        assertTrue(anonymous.json().containsKey("urls"));
        assertEquals(404, api.send(patch(imageId, stranger, Json.createObjectBuilder().add("title", "mine")))
                .status(), "public is for seeing, not for changing");
        assertEquals(400, api.send(patch(imageId, owner, Json.createObjectBuilder().add("visibility", "friends")))
                .status());

        assertEquals(204, api.send(Request.of("DELETE", "/api/images/" + imageId).bearer(token(owner))).status());
        assertEquals(List.of(), s3.listObjectsV2(b -> b.bucket(LocalAws.IMAGES_BUCKET).prefix("derivatives/" + owner))
                .contents(), "no rendition left");
        assertFalse(exists("originals/" + owner + "/" + imageId));
        assertEquals(404, api.send(get("/api/images/" + imageId, owner)).status());
        assertEquals(404, api.send(Request.of("DELETE", "/api/images/" + imageId).bearer(token(owner))).status());
    }

    @Test
    void aBatchOfBadUploadsIsRejectedForTheRightReasonsAndOnlyTheUnreadableMessageFails() throws Exception {
        String owner = UUID.randomUUID().toString();
        byte[] png = TestImages.transparentPng(40, 30);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(uploadAndComplete(owner, "page.jpg", "image/jpeg",
                                       "<html>hi</html>".getBytes(StandardCharsets.UTF_8), 15), "not_an_image");
        expected.put(uploadAndComplete(owner, "png.jpg", "image/jpeg", png, png.length), "type_mismatch");
        expected.put(uploadAndComplete(owner, "bigger.png", "image/png", png, png.length - 1), "too_large");
        expected.put(uploadAndComplete(owner, "flood.png", "image/png", TestImages.pixelFloodPng(60_000, 60_000),
                                       TestImages.pixelFloodPng(60_000, 60_000).length), "too_many_pixels");
        Map<String, String> messages = receive(expected.size());
        messages.put("unreadable", "{\"imageId\":\"not-an-id\"}");

        JsonObject answer = worker.invoke(SqsEvents.batch(SqsEvents.QUEUE_ARN, messages));

        assertEquals(List.of("unreadable"), failures(answer));
        for (var image : expected.entrySet()) {
            JsonObject json = api.send(get("/api/images/" + image.getKey(), owner)).json();
            assertEquals("REJECTED", json.getString("status"), json::toString);
            assertEquals(image.getValue(), json.getString("rejectReason"));
            assertFalse(json.containsKey("urls"));
            assertFalse(exists("originals/" + owner + "/" + image.getKey()), "a rejected upload leaves storage");
        }
        assertEquals(0, api.send(get("/api/images/quota", owner)).json().getInt("images"),
                     "rejected uploads don't count");

        JsonObject again = worker.invoke(SqsEvents.batch(SqsEvents.QUEUE_ARN, messages));
        assertEquals(List.of("unreadable"), failures(again), "a message processed twice changes nothing");
        String first = expected.keySet().iterator().next();
        assertEquals("not_an_image", api.send(get("/api/images/" + first, owner)).json().getString("rejectReason"));
    }

    @Test
    void theLocalPollerProcessesUploadsAndDeadLettersAMessageThatAlwaysFails() throws Exception {
        String owner = UUID.randomUUID().toString();
        byte[] gif = TestImages.gif(30, 20);
        String imageId = uploadAndComplete(owner, "small.gif", "image/gif", gif, gif.length);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("poison"));
        Config config = ServiceConfig.load(environment);

        SqsPoller poller = new SqsPoller(sqs, queueUrl, ProcessingWorker.create(config), Duration.ZERO,
                                         Duration.ofHours(1));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<?> polling = executor.submit(poller::run);
        try {
            String deadLetters = aws.sqs().queueUrl("images-processing-dlq");
            List<Message> dead = List.of();
            for (int i = 0; i < 60 && dead.isEmpty(); i++) {
                dead = sqs.receiveMessage(b -> b.queueUrl(deadLetters).waitTimeSeconds(1)).messages();
            }
            assertEquals(List.of("poison"), dead.stream().map(Message::body).toList());
            String receipt = dead.getFirst().receiptHandle();
            sqs.deleteMessage(b -> b.queueUrl(deadLetters).receiptHandle(receipt));
            assertEquals("READY", api.send(get("/api/images/" + imageId, owner)).json().getString("status"));
        } finally {
            // Stopped and gone before the next test, whose messages it would otherwise take.
            poller.stop();
            polling.get();
            executor.shutdown();
        }
    }

    @Test
    void theWorkerFunctionAnswersItsScheduleAndRefusesOtherEvents() {
        JsonObject scheduled = Json.createObjectBuilder().add("version", "0").add("id", UUID.randomUUID().toString())
                .add("detail-type", "Scheduled Event").add("source", "aws.events")
                .add("time", "2026-12-03T10:00:00Z").add("detail", Json.createObjectBuilder()).build();

        assertEquals(Json.createObjectBuilder().build(), worker.invoke(scheduled));
        LambdaRuntimeHarness.FunctionError error = org.junit.jupiter.api.Assertions.assertThrows(
                LambdaRuntimeHarness.FunctionError.class,
                () -> worker.invoke(Json.createObjectBuilder().add("hello", "world").build()));
        assertTrue(error.errorMessage().contains("Unsupported event"), error::getMessage);
    }

    /** Grants, uploads {@code bytes} for a grant of {@code declared} bytes, completes; the image's id. */
    private String uploadAndComplete(String owner, String filename, String type, byte[] bytes, long declared)
            throws Exception {
        Response granted = api.send(Request.of("POST", "/api/images").bearer(token(owner))
                                            .json(request(filename, type, declared).build()));
        assertEquals(201, granted.status(), granted::toString);
        UploadGrantTest.upload(granted.json(), bytes);
        String imageId = granted.json().getString("imageId");
        Response completed = api.send(Request.of("POST", "/api/images/" + imageId + "/complete").bearer(token(owner)));
        assertEquals(202, completed.status(), completed::toString);
        return imageId;
    }

    /** The next {@code count} messages of the processing queue, by message id, removed from it as the ESM does. */
    private Map<String, String> receive(int count) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (int i = 0; i < 20 && bodies.size() < count; i++) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                bodies.put(message.messageId(), message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        assertEquals(count, bodies.size(), bodies::toString);
        return bodies;
    }

    private void drainQueue() {
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
    }

    private static List<String> failures(JsonObject answer) {
        return answer.getJsonArray("batchItemFailures").getValuesAs(JsonObject.class).stream()
                .map(failure -> failure.getString("itemIdentifier")).toList();
    }

    private boolean exists(String key) {
        return !s3.listObjectsV2(b -> b.bucket(LocalAws.IMAGES_BUCKET).prefix(key)).contents().isEmpty();
    }

    private Request patch(String imageId, String caller, jakarta.json.JsonObjectBuilder body) {
        return Request.of("PATCH", "/api/images/" + imageId).bearer(token(caller)).json(body.build());
    }

    private Request get(String path, String owner) {
        return Request.of("GET", path).bearer(token(owner));
    }

    private String token(String userId) {
        return tokens.signedByPool(tokens.accessClaims(userId).build());
    }
}
