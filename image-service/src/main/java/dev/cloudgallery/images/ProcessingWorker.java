package dev.cloudgallery.images;

import java.io.StringReader;
import java.time.Duration;
import java.util.UUID;

import dev.cloudgallery.images.domain.Processing;
import dev.cloudgallery.images.domain.Sweeper;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.db.Database;
import dev.cloudgallery.platform.events.OutboxRelay;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.lambda.QueueLambda;
import dev.cloudgallery.platform.queue.SqsPoller;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import jakarta.json.JsonReader;

/**
 * The processing worker: each message of the images-processing queue names one image to process; each run of its
 * schedule sweeps uploads nobody completed and relays events the outbox still holds. In AWS it is its own function
 * ({@link WorkerLambda}) on the service's image; locally, {@link #main} polls the queue as the event source mapping
 * would.
 */
public final class ProcessingWorker implements QueueLambda.Worker {
    private final Processing processing;
    private final Sweeper sweeper;
    private final OutboxRelay relay;

    private ProcessingWorker(Components components) {
        this.processing = components.processing();
        this.sweeper = components.sweeper();
        this.relay = components.relay();
    }

    /** Local runs and compose: polls the queue until stopped. */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = ServiceConfig.load();
        Components components = Components.create(config, Database.create(config.get("db")));
        Config worker = config.get("images.worker");
        new SqsPoller(components.sqs(), components.queueUrl(), new ProcessingWorker(components),
                      worker.get("retry-delay").as(Duration.class).get(),
                      worker.get("sweep-every").as(Duration.class).get()).run();
    }

    /** The worker of a deployed function, built from the same configuration as the service. */
    public static ProcessingWorker create(Config config) {
        return new ProcessingWorker(Components.create(config, Database.create(config.get("db"))));
    }

    /** A message is {@code {"imageId": "<uuid>"}}; anything else fails every time and ends on the dead-letter queue. */
    @Override
    public void handle(String body) {
        String imageId;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            imageId = UUID.fromString(reader.readObject().getString("imageId")).toString();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a processing message: " + abbreviate(body), e);
        }
        processing.process(imageId);
    }

    /**
     * Sweeps, and sends the events a failed relay left in the outbox; each runs even when the other fails, and a
     * failure fails the run, so the function's error metric shows it.
     */
    @Override
    public void onSchedule() {
        RuntimeException failure = null;
        try {
            sweeper.sweep();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            relay.relay();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 100 ? body : body.substring(0, 100) + "…";
    }
}
