package dev.cloudgallery.platform.lambda;

import jakarta.json.JsonObject;

/**
 * Consumes one SQS batch delivered to a service's Lambda function.
 * <p>
 * The answer is the partial batch response, {@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}}: the
 * event source mapping (with {@code ReportBatchItemFailures}) deletes every other message and redelivers only those
 * listed. Throwing fails the whole batch, so every message in it comes back.
 */
@FunctionalInterface
public interface SqsHandler {
    /** Handles the event ({@code {"Records":[...]}}) and returns the partial batch response. */
    JsonObject handle(JsonObject event);
}
