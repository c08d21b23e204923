package dev.cloudgallery.testing.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.cloudgallery.testing.lambda.ApiGatewayEvents;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;

import jakarta.json.JsonString;

/**
 * {@link Api} as API Gateway HTTP API (payload 2.0) events sent through the real Lambda runtime client to a
 * service's handler.
 */
public final class LambdaApi implements Api {
    private final LambdaRuntimeHarness harness;

    public LambdaApi(LambdaRuntimeHarness harness) {
        this.harness = harness;
    }

    @Override
    public Response send(Request request) {
        String path = request.path();
        int query = path.indexOf('?');
        ApiGatewayEvents.Request event = ApiGatewayEvents.request(request.method(),
                                                                  query < 0 ? path : path.substring(0, query));
        if (query >= 0) {
            event.query(path.substring(query + 1));
        }
        request.headers().forEach((name, value) -> event.header(name.toLowerCase(Locale.ROOT), value));
        if (request.body() != null) {
            // API Gateway passes JSON as text and other bodies base64-encoded.
            if (request.headers().getOrDefault("Content-Type", "").contains("json")) {
                event.body(new String(request.body(), StandardCharsets.UTF_8));
            } else {
                event.body(request.body());
            }
        }
        ApiGatewayEvents.Response answer = event.invoke(harness);
        Map<String, String> headers = new TreeMap<>();
        answer.json().getJsonObject("headers").forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT),
                                                                                   ((JsonString) value).getString()));
        return new Response(answer.status(), headers, answer.bodyBytes());
    }
}
