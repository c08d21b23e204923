package dev.cloudgallery.images;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.Tokens;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.HttpApi;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static dev.cloudgallery.images.UploadGrantTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's sweep: uploads nobody completed are processed, grants that expired unused are dropped. */
class SweeperTest {
    private final Tokens tokens = Tokens.forPool(TestStack.shared().pool());

    @Test
    void processesUploadsNobodyCompletedAndDropsGrantsThatExpiredUnused() throws Exception {
        Map<String, String> environment = LocalAws.httpServer(TestStack.shared().serviceEnvironment("images"), 0);
        environment.put("images.upload-validity", "PT1S");
        environment.put("images.pending-ttl", "PT2S");
        Config config = ServiceConfig.load(environment);
        WebServer server = Main.start(config);
        try (SqsClient sqs = TestStack.shared().sqs().client()) {
            Api api = HttpApi.onPort(server.port());
            String owner = UUID.randomUUID().toString();
            JsonObject uploaded = grant(api, owner);
            UploadGrantTest.upload(uploaded, new byte[]{1, 2, 3});
            JsonObject abandoned = grant(api, owner);
            ProcessingWorker worker = ProcessingWorker.create(config);

            worker.onSchedule();
            assertEquals("PENDING", status(api, owner, uploaded), "not stale yet");

            // Past the TTL: the sweep compares grant times with the clock, so this is the one wait it takes.
            Thread.sleep(2_500);
            worker.onSchedule();

            assertEquals("PROCESSING", status(api, owner, uploaded));
            assertEquals(404, api.send(get("/api/images/" + abandoned.getString("imageId"), owner)).status());
            assertEquals(1, api.send(get("/api/images/quota", owner)).json().getInt("images"));
            String queue = TestStack.shared().sqs().queueUrl("images-processing");
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 10 && bodies.stream().noneMatch(b -> b.contains(uploaded.getString("imageId"))); i++) {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages()) {
                    bodies.add(message.body());
                    sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
                }
            }
            assertTrue(bodies.stream().anyMatch(b -> b.contains(uploaded.getString("imageId"))), bodies::toString);
        } finally {
            server.stop();
        }
    }

    @Test
    void refusesATtlThatAnUploadGrantOutlasts() {
        Map<String, String> environment = new LinkedHashMap<>(TestStack.shared().serviceEnvironment("images"));
        environment.put("images.upload-validity", "PT10M");
        environment.put("images.pending-ttl", "PT5M");

        assertThrows(IllegalArgumentException.class, () -> ProcessingWorker.create(ServiceConfig.load(environment)));
    }

    private JsonObject grant(Api api, String owner) {
        Response granted = api.send(Request.of("POST", "/api/images").bearer(token(owner))
                                            .json(request("a.png", "image/png", 3).build()));
        assertEquals(201, granted.status(), granted::toString);
        return granted.json();
    }

    private String status(Api api, String owner, JsonObject grant) {
        return api.send(get("/api/images/" + grant.getString("imageId"), owner)).json().getString("status");
    }

    private Request get(String path, String owner) {
        return Request.of("GET", path).bearer(token(owner));
    }

    private String token(String userId) {
        return tokens.signedByPool(tokens.accessClaims(userId).build());
    }
}
