package dev.cloudgallery.images;

import dev.cloudgallery.testing.origin.OriginDoorContract;

/** The image-service answers only requests that came through CloudFront, over HTTP and through the RIC. */
class OriginGuardTest extends OriginDoorContract {
    OriginGuardTest() {
        super("images", Main::start, ImagesLambda.class);
    }
}
