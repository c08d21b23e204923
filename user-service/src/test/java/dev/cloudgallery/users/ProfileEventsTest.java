package dev.cloudgallery.users;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cloudgallery.localaws.ElasticMq;
import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.localaws.Ports;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.testing.TestStack;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Profile changes reach the gallery's queue through the outbox: at once while the queue is up; while it is down the
 * change still commits, and the relay function sends its event once the queue is back. The service talks to an
 * ElasticMQ of this test's own, so stopping it disturbs no other test.
 */
class ProfileEventsTest {
    @Test
    void everyProfileChangeIsPublishedAndNoneIsLostWhileTheQueueIsDown() throws Exception {
        Path data = Files.createTempDirectory("profile-sqs");
        int port = Ports.free();
        ElasticMq sqs = ElasticMq.start(data, port, LocalAws.QUEUES, LocalAws.MAX_RECEIVES);
        Map<String, String> environment = new LinkedHashMap<>(TestStack.shared().serviceEnvironment("users"));
        environment.put("SQS_ENDPOINT", sqs.endpoint());
        environment.put("GALLERY_EVENTS_QUEUE_URL", sqs.queueUrl("gallery-events"));
        Config config = ServiceConfig.load(LocalAws.httpServer(environment, 0));
        WebServer server = Main.start(config);
        Api api = HttpApi.onPort(server.port());
        try {
            String access = UserJourney.signedUp(api, UserJourney.newEmail()).getString("accessToken");
            String userId = api.send(Request.of("GET", "/api/users/me").bearer(access)).json().getString("userId");
            List<JsonObject> created = GalleryEvents.receiveAll(sqs);
            assertEquals(1, created.size(), created::toString);
            JsonObject event = created.getFirst();
            assertEquals("profile.updated", event.getString("type"));
            assertEquals(userId, event.getString("aggregateId"));
            assertEquals(1, event.getInt("version"));
            assertEquals(Set.of("userId", "displayName"), event.getJsonObject("data").keySet(), "never the email");
            assertEquals("Grace", event.getJsonObject("data").getString("displayName"));

            sqs.close();
            Response renamed = api.send(Request.of("PATCH", "/api/users/me").bearer(access)
                                                .json(Json.createObjectBuilder().add("displayName", "Grace H.").build()));
            assertEquals(200, renamed.status(), "the change commits while the queue is down: " + renamed);

            sqs = ElasticMq.start(data, port, LocalAws.QUEUES, LocalAws.MAX_RECEIVES);
            assertTrue(GalleryEvents.receiveAll(sqs).isEmpty(), "nothing went while the queue was down");
            RelayWorker.create(config).onSchedule();
            List<JsonObject> relayed = GalleryEvents.receiveAll(sqs);
            assertEquals(1, relayed.size(), relayed::toString);
            assertEquals(2, relayed.getFirst().getInt("version"));
            assertEquals("Grace H.", relayed.getFirst().getJsonObject("data").getString("displayName"));
        } finally {
            server.stop();
            sqs.close();
        }
    }
}
