package dev.cloudgallery.testing.lambda;

import dev.cloudgallery.platform.lambda.LambdaAdapter;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

/** The echo service as a function that also consumes SQS; a message whose body is {@code fail} fails. */
public final class EchoLambda extends LambdaAdapter {
    public EchoLambda() {
        super(EchoService::start, EchoLambda::consume);
    }

    private static JsonObject consume(JsonObject event) {
        JsonProvider json = JsonProvider.provider();
        JsonArrayBuilder failures = json.createArrayBuilder();
        event.getJsonArray("Records").getValuesAs(JsonObject.class).stream()
                .filter(message -> message.getString("body").equals("fail"))
                .forEach(message -> failures.add(json.createObjectBuilder()
                                                          .add("itemIdentifier", message.getString("messageId"))));
        return json.createObjectBuilder().add("batchItemFailures", failures).build();
    }
}
