package dev.cloudgallery.gallery;

import dev.cloudgallery.platform.lambda.LambdaAdapter;

/** The Lambda entry point: the container's RIC runs {@code dev.cloudgallery.gallery.GalleryLambda::handleRequest}. */
public final class GalleryLambda extends LambdaAdapter {
    public GalleryLambda() {
        super(Main::start);
    }
}
