package dev.cloudgallery.bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The least a Java function can do behind API Gateway: answer every event with the same HTTP API response, without
 * reading it. Whatever a real function takes beyond this is its own start-up, not the runtime client's.
 */
public final class ConstantHandler implements RequestStreamHandler {
    private static final byte[] RESPONSE = """
            {"statusCode":200,"headers":{"content-type":"text/plain"},"body":"hello","isBase64Encoded":false}"""
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(RESPONSE);
    }
}
