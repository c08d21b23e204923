package dev.cloudgallery.platform.lambda;

/**
 * Consumes one SQS message delivered to a service's Lambda function, or polled by its local worker.
 * <p>
 * Throwing reports the message as failed: it is listed in the partial batch response
 * ({@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}}), so the event source mapping (with
 * {@code ReportBatchItemFailures}) deletes every other message of the batch and SQS delivers this one again after
 * the queue's visibility timeout, until the queue's redrive policy moves it to the dead-letter queue. A handler
 * must therefore be idempotent: SQS delivers at least once.
 */
@FunctionalInterface
public interface SqsHandler {
    void handle(String body) throws Exception;
}
