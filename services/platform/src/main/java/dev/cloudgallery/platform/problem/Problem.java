package dev.cloudgallery.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure that the client should see as an RFC 9457 problem. Domain code, repositories and handlers throw it;
 * the platform's error handler renders it, so nobody builds error bodies by hand. It carries no framework types,
 * so domain code can use it without depending on the web server.
 */
public class Problem extends RuntimeException {
    /** Base of every problem {@code type} URI this API emits. */
    public static final String TYPE_BASE = "https://cloudgallery.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;
    private final Map<String, Object> extensions;

    private Problem(int status, String type, String title, String detail, List<FieldError> errors,
                         Map<String, String> headers, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = TYPE_BASE + type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
        this.extensions = Map.copyOf(extensions);
    }

    /** One invalid field of a request body or query. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String type, String title, String detail) {
        return of(status, type, title, detail, Map.of());
    }

    /** A problem with members of its own beside the standard ones (RFC 9457 extension members). */
    public static Problem of(int status, String type, String title, String detail, Map<String, Object> extensions) {
        return new Problem(status, type, title, detail, List.of(), Map.of(), extensions);
    }

    public static Problem badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    public static Problem validation(List<FieldError> errors) {
        return new Problem(400, "validation", "Invalid request",
                                "One or more fields are invalid.", errors, Map.of(), Map.of());
    }

    public static Problem validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static Problem unauthorized(String detail) {
        // RFC 6750: a bearer-protected resource names its scheme, and the error when a token was presented.
        return new Problem(401, "unauthorized", "Unauthorized", detail, List.of(),
                                Map.of("WWW-Authenticate", "Bearer realm=\"cloud-gallery\", error=\"invalid_token\""),
                                Map.of());
    }

    public static Problem missingCredentials() {
        return new Problem(401, "unauthorized", "Unauthorized",
                                "A bearer access token is required.", List.of(),
                                Map.of("WWW-Authenticate", "Bearer realm=\"cloud-gallery\""), Map.of());
    }

    public static Problem forbidden(String type, String title, String detail) {
        return of(403, type, title, detail);
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static Problem conflict(String type, String detail) {
        return of(409, type, "Conflict", detail);
    }

    public static Problem conflict(String type, String detail, Map<String, Object> extensions) {
        return new Problem(409, type, "Conflict", detail, List.of(), Map.of(), extensions);
    }

    public static Problem payloadTooLarge(long limit) {
        return of(413, "payload-too-large", "Payload too large",
                  "Request bodies are limited to " + limit + " bytes.");
    }

    public static Problem unsupportedMediaType() {
        return of(415, "unsupported-media-type", "Unsupported media type",
                  "Send the request body as application/json.");
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "Service unavailable", detail,
                                List.of(), Map.of("Retry-After", "5"), Map.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
