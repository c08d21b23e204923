package dev.cloudgallery.testing.events;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.cloudgallery.localaws.ElasticMq;
import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonObject;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** What producers have sent to the gallery's queue, read the way the consumer would, for tests of the outboxes. */
public final class GalleryEvents {
    private GalleryEvents() {
    }

    /** Takes every event waiting on {@code sqs}'s gallery-events queue, ordered by version. */
    public static List<JsonObject> receiveAll(ElasticMq sqs) {
        List<JsonObject> events = new ArrayList<>();
        try (SqsClient client = sqs.client()) {
            String queue = sqs.queueUrl("gallery-events");
            List<Message> batch;
            do {
                batch = client.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                for (Message message : batch) {
                    events.add(Json.createReader(new StringReader(message.body())).readObject());
                    client.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
                }
            } while (!batch.isEmpty());
        }
        // A standard queue promises no order; the gallery orders by version.
        events.sort(Comparator.comparingLong(e -> e.getJsonNumber("version").longValue()));
        return events;
    }
}
