package dev.cloudgallery.images;

import dev.cloudgallery.platform.lambda.QueueLambda;

/**
 * The processing worker's Lambda entry point, on the same image as the API: the worker function's image config runs
 * {@code dev.cloudgallery.images.WorkerLambda::handleRequest}.
 */
public final class WorkerLambda extends QueueLambda {
    public WorkerLambda() {
        super(ProcessingWorker::create);
    }
}
