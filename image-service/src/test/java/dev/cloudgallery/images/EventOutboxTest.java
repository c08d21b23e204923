package dev.cloudgallery.images;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cloudgallery.images.processing.TestImages;
import dev.cloudgallery.localaws.ElasticMq;
import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.localaws.Ports;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.db.Database;
import dev.cloudgallery.platform.events.ProcessedEvents;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.Tokens;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.HttpApi;
import dev.cloudgallery.testing.events.GalleryEvents;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static dev.cloudgallery.images.UploadGrantTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image events reach the gallery's queue through the outbox: with SQS stopped the changes still commit, and once it
 * is back every event arrives, once per version, in order. The service talks to an ElasticMQ of this test's own, so
 * stopping it disturbs no other test.
 */
class EventOutboxTest {
    private final Tokens tokens = Tokens.forPool(TestStack.shared().pool());

    @Test
    void changesCommitWhileTheQueueIsDownAndEveryEventArrivesOncePerVersionWhenItIsBack() throws Exception {
        Path data = Files.createTempDirectory("outbox-sqs");
        int port = Ports.free();
        ElasticMq sqs = ElasticMq.start(data, port, LocalAws.QUEUES, LocalAws.MAX_RECEIVES);
        Map<String, String> environment = new LinkedHashMap<>(TestStack.shared().serviceEnvironment("images"));
        environment.put("SQS_ENDPOINT", sqs.endpoint());
        environment.put("IMAGES_PROCESSING_QUEUE_URL", sqs.queueUrl("images-processing"));
        environment.put("GALLERY_EVENTS_QUEUE_URL", sqs.queueUrl("gallery-events"));
        Config config = ServiceConfig.load(LocalAws.httpServer(environment, 0));
        WebServer server = Main.start(config);
        ProcessingWorker worker = ProcessingWorker.create(config);
        Api api = HttpApi.onPort(server.port());
        String owner = UUID.randomUUID().toString();
        try {
            String imageId = uploadAndProcess(api, sqs, worker, owner);
            List<JsonObject> ready = GalleryEvents.receiveAll(sqs);
            assertEquals(List.of("image.ready"), ready.stream().map(e -> e.getString("type")).toList(),
                         "sent at once: " + ready);
            JsonObject card = ready.getFirst().getJsonObject("data");
            assertEquals(owner, card.getString("ownerId"));
            assertEquals("derivatives/" + owner + "/" + imageId + "/thumbnail",
                         card.getJsonObject("renditions").getJsonObject("thumbnail").getString("key"));

            sqs.close();
            assertEquals(200, api.send(patch(imageId, owner, "{\"title\":\"Renamed\"}")).status());
            assertEquals(200, api.send(patch(imageId, owner, "{\"visibility\":\"public\"}")).status());
            assertEquals(204, api.send(Request.of("DELETE", "/api/images/" + imageId).bearer(token(owner))).status());

            sqs = ElasticMq.start(data, port, LocalAws.QUEUES, LocalAws.MAX_RECEIVES);
            assertTrue(GalleryEvents.receiveAll(sqs).isEmpty(), "nothing went while the queue was down");
            worker.onSchedule();

            List<JsonObject> later = GalleryEvents.receiveAll(sqs);
            long readyVersion = ready.getFirst().getJsonNumber("version").longValue();
            assertEquals(List.of("image.updated@" + (readyVersion + 1), "image.visibility_changed@" + (readyVersion + 2),
                                 "image.deleted@" + (readyVersion + 3)),
                         later.stream().map(e -> e.getString("type") + "@" + e.getJsonNumber("version")).toList());
            assertEquals("Renamed", later.getFirst().getJsonObject("data").getString("title"));
            worker.onSchedule();
            assertTrue(GalleryEvents.receiveAll(sqs).isEmpty(), "each event once");
        } finally {
            server.stop();
            sqs.close();
        }
    }

    @Test
    void aConsumerAppliesAnEventOnce() {
        try (Database database = Database.create(TestStack.shared().serviceConfig("images").get("db"))) {
            String eventId = UUID.randomUUID() + "/1";
            assertTrue(ProcessedEvents.firstDelivery(database.client().execute(), eventId));
            assertFalse(ProcessedEvents.firstDelivery(database.client().execute(), eventId));
        }
    }

    private String uploadAndProcess(Api api, ElasticMq sqs, ProcessingWorker worker, String owner) throws Exception {
        byte[] gif = TestImages.gif(30, 20);
        Response granted = api.send(Request.of("POST", "/api/images").bearer(token(owner))
                                            .json(request("a.gif", "image/gif", gif.length).build()));
        UploadGrantTest.upload(granted.json(), gif);
        String imageId = granted.json().getString("imageId");
        assertEquals(202, api.send(Request.of("POST", "/api/images/" + imageId + "/complete")
                                           .bearer(token(owner))).status());
        try (SqsClient client = sqs.client()) {
            List<Message> messages = client.receiveMessage(b -> b.queueUrl(sqs.queueUrl("images-processing"))
                    .waitTimeSeconds(5)).messages();
            assertEquals(1, messages.size());
            worker.handle(messages.getFirst().body());
        }
        assertEquals("READY", api.send(Request.of("GET", "/api/images/" + imageId).bearer(token(owner))).json()
                .getString("status"));
        return imageId;
    }

    /** Every message now in the gallery's queue, removed from it. */
    private Request patch(String imageId, String owner, String body) {
        return Request.of("PATCH", "/api/images/" + imageId).bearer(token(owner))
                .json(Json.createReader(new StringReader(body)).readObject());
    }

    private String token(String userId) {
        return tokens.signedByPool(tokens.accessClaims(userId).build());
    }
}
