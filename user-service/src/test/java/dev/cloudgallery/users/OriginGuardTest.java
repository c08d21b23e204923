package dev.cloudgallery.users;

import dev.cloudgallery.testing.origin.OriginDoorContract;

/** The user-service answers only requests that came through CloudFront, over HTTP and through the RIC. */
class OriginGuardTest extends OriginDoorContract {
    OriginGuardTest() {
        super("users", Main::start, UsersLambda.class);
    }
}
