package dev.cloudgallery.testing.lambda;

import dev.cloudgallery.platform.lambda.LambdaAdapter;

/** The echo service as a function with no SQS handler. */
public final class HttpOnlyEchoLambda extends LambdaAdapter {
    public HttpOnlyEchoLambda() {
        super(EchoService::start);
    }
}
