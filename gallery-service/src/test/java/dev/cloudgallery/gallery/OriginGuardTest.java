package dev.cloudgallery.gallery;

import dev.cloudgallery.testing.origin.OriginDoorContract;

/** The gallery-service answers only requests that came through CloudFront, over HTTP and through the RIC. */
class OriginGuardTest extends OriginDoorContract {
    OriginGuardTest() {
        super("gallery", Main::start, GalleryLambda.class);
    }
}
