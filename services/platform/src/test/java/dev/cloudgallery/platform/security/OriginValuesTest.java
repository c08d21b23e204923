package dev.cloudgallery.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.cloudgallery.platform.MovableClock;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accepted origin values as a rotation of the secret changes them, on a clock the test moves. */
class OriginValuesTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicReference<String> secret = new AtomicReference<>(secret("old", ""));
    private final AtomicInteger reads = new AtomicInteger();
    private final OriginValues values = OriginValues.reloading(() -> {
        reads.incrementAndGet();
        return OriginValues.fromSecret(secret.get());
    }, clock);

    @Test
    void aRotationFollowingTheProcedureRefusesNoRequest() {
        assertTrue(values.accepts("old"));
        // Step 1: the new value becomes current, the old one stays accepted.
        secret.set(secret("new", "old"));
        clock.advance(OriginValues.MAX_AGE.plusSeconds(1));
        assertTrue(values.accepts("old"), "CloudFront still sends the old value");
        // Step 3: CloudFront sends the new value.
        assertTrue(values.accepts("new"));
        // Step 4: the old value is dropped, and refused once the cache has read the secret again.
        secret.set(secret("new", ""));
        clock.advance(OriginValues.MAX_AGE.plusSeconds(1));
        assertFalse(values.accepts("old"));
        assertTrue(values.accepts("new"));
    }

    @Test
    void anUnknownValueReadsTheSecretAgainAtOnceButAtMostEveryInterval() {
        clock.advance(OriginValues.MIN_RELOAD_INTERVAL.plusSeconds(1));
        secret.set(secret("new", "old"));
        assertTrue(values.accepts("new"), "a value published before CloudFront sends it is known at once");
        int before = reads.get();
        for (int i = 0; i < 100; i++) {
            assertFalse(values.accepts("guess-" + i));
        }
        assertEquals(before, reads.get(), "a flood of wrong values must not read the secret each time");
        clock.advance(OriginValues.MIN_RELOAD_INTERVAL.plusSeconds(1));
        assertFalse(values.accepts("guess"));
        assertEquals(before + 1, reads.get());
    }

    @Test
    void aSecretThatCantBeReadAgainKeepsTheValuesReadBefore() {
        secret.set("not json");
        clock.advance(OriginValues.MAX_AGE.plusSeconds(1));
        assertTrue(values.accepts("old"));
        assertFalse(values.accepts("other"));
    }

    @Test
    void anEmptyOrUnreadableSecretStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> OriginValues.fixed(List.of()));
        assertThrows(RuntimeException.class,
                     () -> OriginValues.reloading(() -> OriginValues.fromSecret("{}"), clock));
        assertEquals(List.of("a", "b"), OriginValues.split(" a, ,b "));
    }

    private static String secret(String current, String previous) {
        return "{\"current\":\"" + current + "\",\"previous\":\"" + previous + "\"}";
    }
}
