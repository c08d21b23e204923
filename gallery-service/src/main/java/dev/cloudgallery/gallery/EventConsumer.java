package dev.cloudgallery.gallery;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.cloudgallery.gallery.db.CardRepository;
import dev.cloudgallery.gallery.domain.Card;
import dev.cloudgallery.gallery.domain.Gallery;
import dev.cloudgallery.gallery.domain.ImageEvent;
import dev.cloudgallery.gallery.domain.ProfileEvent;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.aws.AwsClients;
import dev.cloudgallery.platform.db.Database;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.lambda.QueueLambda;
import dev.cloudgallery.platform.queue.SqsPoller;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The read model's feed: each message of the gallery-events queue is one event from another service's outbox. In
 * AWS it is its own function ({@link ConsumerLambda}) on the service's image; locally, {@link #main} polls the queue
 * as the event source mapping would. Unknown event types are skipped, so producers can add events first; a message
 * that is not an event fails every time and ends on the dead-letter queue.
 */
public final class EventConsumer implements QueueLambda.Worker {
    private final Gallery gallery;

    private EventConsumer(Gallery gallery) {
        this.gallery = gallery;
    }

    public static EventConsumer create(Config config) {
        return new EventConsumer(new Gallery(new CardRepository(Database.create(config.get("db")).client())));
    }

    /** Local runs and compose: polls the queue until stopped. */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = ServiceConfig.load();
        Config consumer = config.get("events.consumer");
        new SqsPoller(AwsClients.build(SqsClient.builder(), config, "sqs"),
                      config.get("events.queue-url").asString().get(), create(config),
                      consumer.get("retry-delay").as(Duration.class).get(), Duration.ofDays(1)).run();
    }

    @Override
    public void handle(String body) {
        JsonObject event;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            event = reader.readObject();
        }
        String type = event.getString("type");
        boolean profile = type.equals("profile.updated");
        if (!profile && !type.startsWith("image.")) {
            return;
        }
        String eventId = event.getString("eventId");
        String aggregateId = UUID.fromString(event.getString("aggregateId")).toString();
        long version = event.getJsonNumber("version").longValueExact();
        JsonObject data = event.getJsonObject("data");
        if (profile) {
            gallery.apply(new ProfileEvent(eventId, aggregateId, version, data.getString("displayName")));
            return;
        }
        Optional<Card> card = type.equals("image.deleted") ? Optional.empty() : Optional.of(card(aggregateId, data));
        gallery.apply(new ImageEvent(eventId, aggregateId, UUID.fromString(data.getString("ownerId")).toString(),
                                     version, card));
    }

    /** Nothing runs on a schedule yet. */
    @Override
    public void onSchedule() {
    }

    private static Card card(String imageId, JsonObject data) {
        JsonObject renditions = data.getJsonObject("renditions");
        // The owner's display name comes from profile events, not from image-service.
        return new Card(imageId, data.getString("ownerId"), "", data.getString("title"),
                        data.getString("description"), data.getInt("width"), data.getInt("height"),
                        Instant.parse(data.getString("createdAt")), data.getString("visibility").equals("public"),
                        renditions.getJsonObject("thumbnail").getString("key"),
                        renditions.getJsonObject("medium").getString("key"));
    }
}
