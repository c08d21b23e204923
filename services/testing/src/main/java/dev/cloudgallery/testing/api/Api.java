package dev.cloudgallery.testing.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.security.OriginGuard;
import dev.cloudgallery.testing.TestStack;

import jakarta.json.JsonObject;

/**
 * A way to reach a service's HTTP API: over a socket ({@link HttpApi}) or as API Gateway events through the Lambda
 * runtime. Journeys written against this run unchanged on both, which is how tests prove the two adapters agree.
 */
public interface Api {
    Response send(Request request);

    default Response get(String path) {
        return send(Request.of("GET", path));
    }

    default Response post(String path, JsonObject body) {
        return send(Request.of("POST", path).json(body));
    }

    /**
     * An HTTP request; {@code body} may be null. It carries the origin header a local gateway or CloudFront adds, as
     * every request that reaches a service does; {@link #without} takes it off.
     */
    record Request(String method, String path, Map<String, String> headers, byte[] body) {
        public static Request of(String method, String path) {
            return new Request(method, path, Map.of(OriginGuard.HEADER.defaultCase(), TestStack.ORIGIN_VALUE), null);
        }

        /** The request with the header {@code name} set to {@code value}, replacing it in any spelling. */
        public Request header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(without(name).headers);
            copy.put(name, value);
            return new Request(method, path, copy, body);
        }

        /** The request without the header {@code name}, in any spelling. */
        public Request without(String name) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.keySet().removeIf(name::equalsIgnoreCase);
            return new Request(method, path, copy, body);
        }

        public Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Request json(JsonObject json) {
            return body("application/json", json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public Request body(String contentType, byte[] bytes) {
            return new Request(method, path, headers, bytes).header("Content-Type", contentType);
        }
    }

    /** An HTTP response; header names are lower case. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            try (var reader = Json.createReader(new java.io.StringReader(text()))) {
                return reader.readObject();
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }
}
