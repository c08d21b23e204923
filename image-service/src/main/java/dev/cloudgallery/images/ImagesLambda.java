package dev.cloudgallery.images;

import dev.cloudgallery.platform.lambda.LambdaAdapter;

/** The Lambda entry point: the container's RIC runs {@code dev.cloudgallery.images.ImagesLambda::handleRequest}. */
public final class ImagesLambda extends LambdaAdapter {
    public ImagesLambda() {
        super(Main::start);
    }
}
