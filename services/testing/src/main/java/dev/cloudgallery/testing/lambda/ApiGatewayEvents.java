package dev.cloudgallery.testing.lambda;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * API Gateway HTTP API events (payload format 2.0) as API Gateway builds them, and a view of the function's answer:
 * <pre>{@code
 * ApiGatewayEvents.Response res = ApiGatewayEvents.request("POST", "/api/users/login")
 *         .header("content-type", "application/json")
 *         .body("{\"email\":\"a@example.com\",\"password\":\"...\"}")
 *         .invoke(harness);
 * assertEquals(200, res.status());
 * }</pre>
 */
public final class ApiGatewayEvents {
    private static final JsonProvider JSON = JsonProvider.provider();

    private ApiGatewayEvents() {
    }

    /**
     * Starts an event for a request.
     *
     * @param rawPath the path as the client sent it (still percent-encoded); a {@code ?query} part is split off
     */
    public static Request request(String method, String rawPath) {
        return new Request(method, rawPath);
    }

    /** A view of a function's answer to an HTTP event. */
    public static Response response(JsonObject answer) {
        return new Response(answer);
    }

    /** Builds one event; header names are lower-cased and repeated values comma-joined, as API Gateway does. */
    public static final class Request {
        private final String method;
        private final String rawPath;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> cookies = new ArrayList<>();
        private String rawQuery = "";
        private String body;
        private boolean base64;
        private String sourceIp = "203.0.113.10";
        private String requestId = UUID.randomUUID().toString();

        private Request(String method, String rawPath) {
            this.method = method;
            int query = rawPath.indexOf('?');
            this.rawPath = query < 0 ? rawPath : rawPath.substring(0, query);
            if (query >= 0) {
                this.rawQuery = rawPath.substring(query + 1);
            }
        }

        /** Adds a header value. */
        public Request header(String name, String value) {
            headers.merge(name.toLowerCase(Locale.ROOT), value, (first, next) -> first + "," + next);
            return this;
        }

        /** Adds a request cookie, which payload 2.0 carries in {@code cookies} rather than as a header. */
        public Request cookie(String name, String value) {
            cookies.add(name + "=" + value);
            return this;
        }

        /** Sets the raw (still encoded) query string, without {@code ?}. */
        public Request query(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        /** A text body, passed as is. */
        public Request body(String text) {
            this.body = text;
            this.base64 = false;
            return this;
        }

        /** A binary body, base64-encoded as API Gateway does for non-text content. */
        public Request body(byte[] bytes) {
            this.body = Base64.getEncoder().encodeToString(bytes);
            this.base64 = true;
            return this;
        }

        /** A JSON body with its content type. */
        public Request json(JsonValue value) {
            return header("content-type", "application/json").body(value.toString());
        }

        /** The client address API Gateway saw ({@code requestContext.http.sourceIp}). */
        public Request sourceIp(String sourceIp) {
            this.sourceIp = sourceIp;
            return this;
        }

        /** API Gateway's id of the request ({@code requestContext.requestId}); random by default. */
        public Request requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** The event. */
        public JsonObject build() {
            Map<String, String> allHeaders = new LinkedHashMap<>();
            allHeaders.put("host", "abc123.execute-api.us-east-1.amazonaws.com");
            allHeaders.put("user-agent", "cloud-gallery-tests");
            allHeaders.put("x-amzn-trace-id", "Root=1-00000000-000000000000000000000000");
            allHeaders.put("x-forwarded-for", sourceIp);
            allHeaders.put("x-forwarded-port", "443");
            allHeaders.put("x-forwarded-proto", "https");
            if (body != null) {
                int length = base64 ? Base64.getDecoder().decode(body).length
                        : body.getBytes(StandardCharsets.UTF_8).length;
                allHeaders.put("content-length", Integer.toString(length));
            }
            allHeaders.putAll(headers);

            JsonObjectBuilder headerJson = JSON.createObjectBuilder();
            allHeaders.forEach(headerJson::add);
            JsonObjectBuilder event = JSON.createObjectBuilder()
                    .add("version", "2.0")
                    .add("routeKey", "$default")
                    .add("rawPath", rawPath)
                    .add("rawQueryString", rawQuery)
                    .add("headers", headerJson)
                    .add("requestContext", JSON.createObjectBuilder()
                            .add("accountId", "123456789012")
                            .add("apiId", "abc123")
                            .add("domainName", "abc123.execute-api.us-east-1.amazonaws.com")
                            .add("domainPrefix", "abc123")
                            .add("http", JSON.createObjectBuilder()
                                    .add("method", method)
                                    .add("path", rawPath)
                                    .add("protocol", "HTTP/1.1")
                                    .add("sourceIp", sourceIp)
                                    .add("userAgent", allHeaders.get("user-agent")))
                            .add("requestId", requestId)
                            .add("routeKey", "$default")
                            .add("stage", "$default")
                            .add("timeEpoch", System.currentTimeMillis()))
                    .add("isBase64Encoded", base64);
            if (!cookies.isEmpty()) {
                JsonArrayBuilder cookieJson = JSON.createArrayBuilder();
                cookies.forEach(cookieJson::add);
                event.add("cookies", cookieJson);
            }
            if (body != null) {
                event.add("body", body);
            }
            return event.build();
        }

        /** Sends the event through the harness and views the answer. */
        public Response invoke(LambdaRuntimeHarness harness) {
            return response(harness.invoke(build()));
        }

        /** Sends the event to a function frozen for {@code pause} ({@link LambdaRuntimeHarness#invokeAfterFreeze}). */
        public Response invokeAfterFreeze(LambdaRuntimeHarness harness, Duration pause) {
            return response(harness.invokeAfterFreeze(build(), pause));
        }
    }

    /** The function's answer: {@code statusCode}, {@code headers}, {@code cookies}, {@code body}. */
    public static final class Response {
        private final JsonObject answer;

        private Response(JsonObject answer) {
            this.answer = answer;
        }

        /** The HTTP status. */
        public int status() {
            return answer.getInt("statusCode");
        }

        /** A header's value (repeated values comma-joined), or {@code null} when absent; the name is case-blind. */
        public String header(String name) {
            JsonObject headers = answer.getJsonObject("headers");
            if (headers != null) {
                for (Map.Entry<String, JsonValue> header : headers.entrySet()) {
                    if (header.getKey().equalsIgnoreCase(name)) {
                        return ((JsonString) header.getValue()).getString();
                    }
                }
            }
            return null;
        }

        /** Every {@code Set-Cookie} value, in order. */
        public List<String> cookies() {
            JsonArray cookies = answer.getJsonArray("cookies");
            return cookies == null ? List.of() : cookies.getValuesAs(JsonString::getString);
        }

        /** Whether the body travelled base64-encoded. */
        public boolean base64() {
            return answer.getBoolean("isBase64Encoded", false);
        }

        /** The body's bytes. */
        public byte[] bodyBytes() {
            String body = answer.getString("body", "");
            return base64() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(bodyBytes(), StandardCharsets.UTF_8);
        }

        /** The body as a JSON object. */
        public JsonObject bodyJson() {
            try (JsonReader reader = JSON.createReader(new StringReader(bodyText()))) {
                return reader.readObject();
            }
        }

        /** The answer as the function returned it. */
        public JsonObject json() {
            return answer;
        }

        @Override
        public String toString() {
            return answer.toString();
        }
    }
}
