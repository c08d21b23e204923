package dev.cloudgallery.testing.lambda;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** SQS events as the Lambda event source mapping delivers them. */
public final class SqsEvents {
    /** The queue the events come from unless a test names another. */
    public static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:test-queue";

    private static final JsonProvider JSON = JsonProvider.provider();

    private SqsEvents() {
    }

    /** A batch of messages with ids {@code message-1}, {@code message-2}, ... in the order given. */
    public static JsonObject batch(String... bodies) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (int i = 0; i < bodies.length; i++) {
            byId.put("message-" + (i + 1), bodies[i]);
        }
        return batch(QUEUE_ARN, byId);
    }

    /** A batch of messages, bodies keyed by message id, in the map's order. */
    public static JsonObject batch(String queueArn, Map<String, String> bodiesById) {
        JsonArrayBuilder records = JSON.createArrayBuilder();
        long now = System.currentTimeMillis();
        bodiesById.forEach((id, body) -> records.add(JSON.createObjectBuilder()
                .add("messageId", id)
                .add("receiptHandle", "receipt-" + id)
                .add("body", body)
                .add("attributes", JSON.createObjectBuilder()
                        .add("ApproximateReceiveCount", "1")
                        .add("SentTimestamp", Long.toString(now))
                        .add("SenderId", "AIDAEXAMPLE")
                        .add("ApproximateFirstReceiveTimestamp", Long.toString(now)))
                .add("messageAttributes", JsonValue.EMPTY_JSON_OBJECT)
                .add("md5OfBody", md5(body))
                .add("eventSource", "aws:sqs")
                .add("eventSourceARN", queueArn)
                .add("awsRegion", queueArn.split(":")[3])));
        return JSON.createObjectBuilder().add("Records", records).build();
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                                                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
