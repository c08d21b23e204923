package dev.cloudgallery.platform.media;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;

import dev.cloudgallery.platform.MovableClock;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A URL is handed out again within its step, works for at least the validity asked, and is new in the next step. */
class ReusedUrlsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void theSameObjectGetsTheSameUrlUntilAThirdOfTheValidityHasPassed() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").genKeyPair();
        Duration validity = Duration.ofMinutes(15);
        MovableClock clock = new MovableClock(NOW.plusSeconds(1));
        ReusedUrls urls = new ReusedUrls(new CloudFrontSignedUrls("https://gallery.example.com", "K2JCJMDEHXQW5F",
                                                                  CloudFrontSignedUrlsTest.pem(keys), clock), clock);
        URI first = urls.url("derivatives/a/b/thumbnail", validity);
        long expires = Long.parseLong(CloudFrontSignedUrlsTest.query(first).get("Expires"));
        assertEquals(NOW.plus(Duration.ofMinutes(20)).getEpochSecond(), expires, "rounded up to a 5-minute step");

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertEquals(first, urls.url("derivatives/a/b/thumbnail", validity), "still the same step: the same URL");
        assertTrue(expires >= clock.instant().plus(validity).getEpochSecond(), "and valid for the whole validity");
        assertFalse(first.equals(urls.url("derivatives/a/b/medium", validity)), "another object, another URL");

        clock.advance(Duration.ofSeconds(1));
        URI next = urls.url("derivatives/a/b/thumbnail", validity);
        assertEquals(NOW.plus(Duration.ofMinutes(25)).getEpochSecond(),
                     Long.parseLong(CloudFrontSignedUrlsTest.query(next).get("Expires")));
    }
}
