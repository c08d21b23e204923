package dev.cloudgallery.platform.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.problem.Problem;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads JSON request bodies under the API's rules: at most {@value #MAX_BYTES} bytes (413 beyond, whether or not
 * the client declared a length), {@code application/json} only, an object at the top level, and wrongly typed
 * fields reported as validation errors rather than failures.
 */
public final class RequestBodies {
    /** API.md: bodies above 64 KiB are refused; image bytes never pass through the API. */
    public static final int MAX_BYTES = 64 * 1024;

    private RequestBodies() {
    }

    /** The request's JSON object body; an absent body reads as an empty object. */
    public static Body json(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_BYTES) {
            throw Problem.payloadTooLarge(MAX_BYTES);
        }
        byte[] bytes = read(req);
        if (bytes.length == 0) {
            return new Body(JsonValue.EMPTY_JSON_OBJECT);
        }
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isPresent() && !isJson(type.get())) {
            throw Problem.unsupportedMediaType();
        }
        try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Problem.badRequest("The request body must be a JSON object.");
            }
            return new Body(value.asJsonObject());
        } catch (jakarta.json.JsonException e) {
            throw Problem.badRequest("The request body is not valid JSON.");
        }
    }

    private static boolean isJson(HttpMediaType type) {
        String subtype = type.mediaType().subtype();
        return type.mediaType().type().equals("application") && (subtype.equals("json") || subtype.endsWith("+json"));
    }

    private static byte[] read(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw Problem.payloadTooLarge(MAX_BYTES);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parsed JSON object body with typed, validating accessors. Unknown fields are ignored. */
    public record Body(JsonObject json) {
        /** A string field; empty when absent or null; a validation problem when it is not a string. */
        public Optional<String> string(String field) {
            JsonValue value = json.get(field);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return Optional.empty();
            }
            if (value instanceof JsonString s) {
                return Optional.of(s.getString());
            }
            throw Problem.validation(field, "must be a string");
        }

        /** A whole-number field; empty when absent or null; a validation problem when it is anything else. */
        public Optional<Long> integer(String field) {
            JsonValue value = json.get(field);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return Optional.empty();
            }
            if (value instanceof JsonNumber n && n.isIntegral()) {
                try {
                    return Optional.of(n.longValueExact());
                } catch (ArithmeticException tooLarge) {
                    throw Problem.validation(field, "is too large");
                }
            }
            throw Problem.validation(field, "must be a whole number");
        }

        /** Whether the client sent the field at all (PATCH semantics: absent means unchanged). */
        public boolean has(String field) {
            return json.containsKey(field);
        }
    }
}
