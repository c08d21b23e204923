package dev.cloudgallery.platform.lambda;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

import dev.cloudgallery.platform.ServiceConfig;

import io.helidon.config.Config;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The Lambda entry point of a queue-fed worker: no HTTP server, only SQS batches (answered with partial batch
 * responses, see {@link SqsHandler}) and the EventBridge schedule that triggers the worker's periodic sweep.
 * <p>
 * A worker's handler is a final subclass with a public no-argument constructor, e.g.
 * {@code public WorkerLambda() { super(ProcessingWorker::create); }}. The worker is built during the function's init, from
 * the same configuration as the service; anything that fails there fails the init.
 */
public abstract class QueueLambda implements RequestStreamHandler {
    /** A queue-fed worker: each message, and what its schedule asks of it. */
    public interface Worker extends SqsHandler {
        void onSchedule();
    }

    private final Worker worker;

    protected QueueLambda(Function<Config, Worker> starter) {
        this.worker = starter.apply(ServiceConfig.load());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonObject event = LambdaEvents.read(input);
        if (LambdaEvents.isSqs(event)) {
            LambdaEvents.write(LambdaEvents.handleBatch(event, worker), output);
        } else if ("aws.events".equals(event.getString("source", null))
                   && "Scheduled Event".equals(event.getString("detail-type", null))) {
            worker.onSchedule();
            LambdaEvents.write(JsonValue.EMPTY_JSON_OBJECT, output);
        } else {
            throw new IllegalArgumentException("Unsupported event: expected an SQS batch or an EventBridge schedule,"
                                               + " got one with the keys " + event.keySet());
        }
    }
}
