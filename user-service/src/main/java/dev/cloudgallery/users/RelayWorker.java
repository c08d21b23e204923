package dev.cloudgallery.users;

import java.time.Duration;

import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.aws.AwsClients;
import dev.cloudgallery.platform.db.Database;
import dev.cloudgallery.platform.events.OutboxRelay;
import dev.cloudgallery.platform.lambda.QueueLambda;
import dev.cloudgallery.platform.queue.Schedule;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends the profile events that stayed in the outbox because the queue was down when their request tried. It has a
 * schedule and no queue: in AWS its own function ({@link RelayLambda}) on the service's image, invoked by
 * EventBridge; locally, {@link #main} runs it every {@code events.relay-every}.
 */
public final class RelayWorker implements QueueLambda.Worker {
    private final OutboxRelay relay;

    private RelayWorker(OutboxRelay relay) {
        this.relay = relay;
    }

    public static RelayWorker create(Config config) {
        return new RelayWorker(OutboxRelay.toGallery(Database.create(config.get("db")).client(),
                                                     AwsClients.onFirstUse(SqsClient::builder, config, "sqs"), config));
    }

    /** Local runs and compose: relays on a schedule until stopped. */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = ServiceConfig.load();
        Schedule.every(config.get("events.relay-every").as(Duration.class).get(), create(config)::onSchedule);
    }

    /** No queue feeds this worker: a message means a misconfigured event source, and fails. */
    @Override
    public void handle(String body) {
        throw new IllegalStateException("user-service's relay takes no queue messages");
    }

    /** A failure fails the run, so the function's error metric shows it; the events wait for the next. */
    @Override
    public void onSchedule() {
        relay.relay();
    }
}
