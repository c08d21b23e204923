package dev.cloudgallery.images.sqs;

import java.util.function.Supplier;

import dev.cloudgallery.images.domain.ProcessingQueue;
import dev.cloudgallery.platform.json.Json;

import software.amazon.awssdk.services.sqs.SqsClient;

/** The images-processing queue: one message per image, its body {@code {"imageId": ...}}. */
public final class SqsProcessingQueue implements ProcessingQueue {
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsProcessingQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String imageId) {
        sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.createObjectBuilder()
                                                                      .add("imageId", imageId).build().toString()));
    }
}
