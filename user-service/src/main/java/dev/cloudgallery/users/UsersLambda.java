package dev.cloudgallery.users;

import dev.cloudgallery.platform.lambda.LambdaAdapter;

/** The Lambda entry point: the container's RIC runs {@code dev.cloudgallery.users.UsersLambda::handleRequest}. */
public final class UsersLambda extends LambdaAdapter {
    public UsersLambda() {
        super(Main::start);
    }
}
