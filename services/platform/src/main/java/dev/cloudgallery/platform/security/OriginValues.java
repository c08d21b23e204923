package dev.cloudgallery.platform.security;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonObject;

/**
 * The values of the origin header that the API accepts: the current one and, during a rotation, the previous one.
 * <p>
 * Deployed, they are a Secrets Manager secret {@code {"current": ..., "previous": ...}}, read at init and cached per
 * container. The cache is read again after {@link #MAX_AGE}, and at once when a request presents an unknown value,
 * at most every {@link #MIN_RELOAD_INTERVAL}: so a rotation that publishes the new value as {@code current} before
 * CloudFront sends it is never refused, and a flood of wrong values costs at most one read per interval.
 */
final class OriginValues {
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(30);

    private final Supplier<List<String>> source;
    private final Clock clock;
    private final boolean reloadable;
    private List<byte[]> digests;
    private Instant loadedAt;

    private OriginValues(Supplier<List<String>> source, Clock clock, boolean reloadable) {
        this.source = source;
        this.clock = clock;
        this.reloadable = reloadable;
        load();
    }

    /** Fixed values, as local runs and tests configure them. */
    static OriginValues fixed(List<String> values) {
        return new OriginValues(() -> values, Clock.systemUTC(), false);
    }

    /** Values read from {@code source} (the secret), now and again as described above. */
    static OriginValues reloading(Supplier<List<String>> source, Clock clock) {
        return new OriginValues(source, clock, true);
    }

    /** The accepted values in a secret's JSON: {@code current}, and {@code previous} when not empty. */
    static List<String> fromSecret(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonObject secret = reader.readObject();
            return List.of(secret.getString("current"), secret.getString("previous", "")).stream()
                    .filter(value -> !value.isBlank())
                    .toList();
        }
    }

    /** Whether {@code presented} is an accepted value, compared in constant time. */
    synchronized boolean accepts(String presented) {
        byte[] digest = sha256(presented);
        if (reloadable && clock.instant().isAfter(loadedAt.plus(MAX_AGE))) {
            reload();
        }
        if (matches(digest)) {
            return true;
        }
        if (reloadable && clock.instant().isAfter(loadedAt.plus(MIN_RELOAD_INTERVAL))) {
            reload();
            return matches(digest);
        }
        return false;
    }

    /** Keeps the values it had when the secret can't be read: unknown values stay refused. */
    private void reload() {
        try {
            load();
        } catch (RuntimeException e) {
            loadedAt = clock.instant();
            System.getLogger(OriginValues.class.getName()).log(System.Logger.Level.WARNING,
                    "Could not read the origin secret again; keeping the values read before: " + e);
        }
    }

    private void load() {
        List<String> values = source.get();
        if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
            throw new IllegalStateException("The origin secret holds no usable value");
        }
        digests = values.stream().map(OriginValues::sha256).toList();
        loadedAt = clock.instant();
    }

    /** Digests of equal length, compared without an early exit, tell nothing about the expected value. */
    private boolean matches(byte[] digest) {
        boolean match = false;
        for (byte[] accepted : digests) {
            match |= MessageDigest.isEqual(accepted, digest);
        }
        return match;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "OriginValues[" + digests.size() + " accepted]";
    }

    static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
