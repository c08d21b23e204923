package dev.cloudgallery.gallery;

import dev.cloudgallery.platform.lambda.QueueLambda;

/**
 * The event consumer's Lambda entry point, on the same image as the API: the consumer function's image config runs
 * {@code dev.cloudgallery.gallery.ConsumerLambda::handleRequest}.
 */
public final class ConsumerLambda extends QueueLambda {
    public ConsumerLambda() {
        super(EventConsumer::create);
    }
}
