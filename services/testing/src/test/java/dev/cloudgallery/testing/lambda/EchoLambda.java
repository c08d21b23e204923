package dev.cloudgallery.testing.lambda;

import dev.cloudgallery.platform.lambda.LambdaAdapter;

/** The echo service as a function that also consumes SQS; a message whose body is {@code fail} fails. */
public final class EchoLambda extends LambdaAdapter {
    public EchoLambda() {
        super(EchoService::start, body -> {
            if (body.equals("fail")) {
                throw new IllegalStateException("told to fail");
            }
        });
    }
}
