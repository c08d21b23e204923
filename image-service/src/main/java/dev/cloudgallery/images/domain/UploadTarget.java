package dev.cloudgallery.images.domain;

import java.time.Instant;
import java.util.Map;

/**
 * How the browser sends an image's bytes straight to storage: an HTTP {@code method} to {@code url} with form
 * {@code fields} (a POST, the file last) or {@code headers} (a PUT), valid until {@code expiresAt}.
 */
public record UploadTarget(String method, String url, Map<String, String> fields, Map<String, String> headers,
                           Instant expiresAt) {

    /** Grants uploads of exactly one object: {@code key}, of {@code contentType}, at most {@code maxBytes}. */
    public interface Signer {
        UploadTarget grant(String key, String contentType, long maxBytes);
    }
}
