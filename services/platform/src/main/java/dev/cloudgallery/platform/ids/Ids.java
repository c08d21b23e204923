package dev.cloudgallery.platform.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Ids as API.md has them: UUIDs, v7 for new ones so that they sort by creation. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A new UUID v7: the clock's milliseconds first, then random bits. */
    public static String uuid7(Clock clock) {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** An id from a URL or a body in its canonical form; empty when it is no UUID (so it names nothing: 404). */
    public static Optional<String> parse(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
