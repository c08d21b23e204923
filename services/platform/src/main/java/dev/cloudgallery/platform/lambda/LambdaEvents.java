package dev.cloudgallery.platform.lambda;

import java.io.InputStream;
import java.io.OutputStream;

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;

/**
 * Lambda events as plain JSON. The adapters parse events themselves rather than binding them to the
 * aws-lambda-java-events classes: the RIC's reflective (de)serialisation of those costs a few hundred milliseconds
 * of every cold start.
 */
final class LambdaEvents {
    private static final System.Logger LOG = System.getLogger(LambdaEvents.class.getName());

    private LambdaEvents() {
    }

    static JsonObject read(InputStream input) {
        JsonValue value;
        try (JsonReader reader = Json.createReader(input)) {
            value = reader.readValue();
        }
        if (value instanceof JsonObject event) {
            return event;
        }
        throw new IllegalArgumentException("Unsupported event: expected a JSON object, got " + value.getValueType());
    }

    static void write(JsonObject answer, OutputStream output) {
        try (JsonWriter writer = Json.createWriter(output)) {
            writer.write(answer);
        }
    }

    static boolean isSqs(JsonObject event) {
        return event.get("Records") instanceof JsonArray records
               && !records.isEmpty()
               && records.get(0) instanceof JsonObject first
               && "aws:sqs".equals(first.getString("eventSource", null));
    }

    /**
     * Hands each message of an SQS batch to {@code handler}, in order, and answers the partial batch response that
     * lists the messages it failed.
     */
    static JsonObject handleBatch(JsonObject event, SqsHandler handler) {
        JsonArrayBuilder failures = Json.createArrayBuilder();
        for (JsonObject message : event.getJsonArray("Records").getValuesAs(JsonObject.class)) {
            String messageId = message.getString("messageId");
            try {
                handler.handle(message.getString("body"));
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "SQS message " + messageId + " failed; SQS delivers it again", e);
                failures.add(Json.createObjectBuilder().add("itemIdentifier", messageId));
            }
        }
        return Json.createObjectBuilder().add("batchItemFailures", failures).build();
    }
}
