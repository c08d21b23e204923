package dev.cloudgallery.platform.queue;

import java.time.Duration;
import java.time.Instant;

import dev.cloudgallery.platform.lambda.QueueLambda;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the Lambda event source mapping and the EventBridge schedule do for a deployed worker, for a worker run as a
 * process (local runs, compose): long-polls the queue, hands each message to the worker, deletes the message once
 * handled, and runs the worker's schedule every {@code scheduleEvery}.
 * <p>
 * A failed message is made visible again after {@code retryDelay} instead of the queue's whole visibility timeout,
 * so local retries come quickly; it reaches the dead-letter queue after the same number of receives as in AWS.
 */
public final class SqsPoller {
    private static final System.Logger LOG = System.getLogger(SqsPoller.class.getName());
    private static final int BATCH = 10;
    private static final int WAIT_SECONDS = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final QueueLambda.Worker worker;
    private final Duration retryDelay;
    private final Duration scheduleEvery;
    private volatile boolean stopped;

    public SqsPoller(SqsClient sqs, String queueUrl, QueueLambda.Worker worker, Duration retryDelay,
                     Duration scheduleEvery) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.worker = worker;
        this.retryDelay = retryDelay;
        this.scheduleEvery = scheduleEvery;
    }

    /**
     * Polls until {@link #stop()}: the messages of the current receive are handled first, so none is left
     * invisible to the next consumer for the visibility timeout.
     */
    public void run() {
        Instant nextSchedule = Instant.now();
        while (!stopped) {
            if (!Instant.now().isBefore(nextSchedule)) {
                // Due again at the next interval whatever this run does: a failing schedule must not starve the queue.
                nextSchedule = Instant.now().plus(scheduleEvery);
                try {
                    worker.onSchedule();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "The scheduled run failed; it runs again in " + scheduleEvery,
                            e);
                }
            }
            try {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(BATCH)
                        .waitTimeSeconds(WAIT_SECONDS)).messages()) {
                    handle(message);
                }
            } catch (AbortedException e) {
                // Interrupted: the process is going away.
                return;
            } catch (RuntimeException e) {
                // The queue or a dependency is down: wait, then try again, as the event source mapping would.
                LOG.log(System.Logger.Level.WARNING, "Polling " + queueUrl + " failed; retrying", e);
                pause();
            }
        }
    }

    /** Ends {@link #run()} after the current receive (at most its wait time of a few seconds). */
    public void stop() {
        stopped = true;
    }

    private void handle(Message message) {
        try {
            worker.handle(message.body());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "SQS message " + message.messageId() + " failed; SQS delivers it"
                                                 + " again", e);
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) retryDelay.toSeconds()));
            return;
        }
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    private void pause() {
        try {
            Thread.sleep(retryDelay.isZero() ? Duration.ofSeconds(1) : retryDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
