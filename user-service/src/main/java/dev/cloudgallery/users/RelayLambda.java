package dev.cloudgallery.users;

import dev.cloudgallery.platform.lambda.QueueLambda;

/** The Lambda handler of user-service's relay function: {@link RelayWorker} on EventBridge's schedule. */
public final class RelayLambda extends QueueLambda {
    public RelayLambda() {
        super(RelayWorker::create);
    }
}
