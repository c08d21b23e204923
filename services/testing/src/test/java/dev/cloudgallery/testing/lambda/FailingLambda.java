package dev.cloudgallery.testing.lambda;

import dev.cloudgallery.platform.lambda.LambdaAdapter;

/** A function whose service can't start, as when its database is unreachable during init. */
public final class FailingLambda extends LambdaAdapter {
    public FailingLambda() {
        super(config -> {
            throw new IllegalStateException("database unreachable");
        });
    }
}
