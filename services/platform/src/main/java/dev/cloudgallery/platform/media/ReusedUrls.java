package dev.cloudgallery.platform.media;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands out a rendition's URL again instead of signing a new one for every request. Signing costs: a CloudFront
 * signature is an RSA private-key operation (about 0.8 ms here), an S3 presign about 30 µs, and a page of 24 cards
 * holds 48 URLs.
 * <p>
 * Time is cut into steps of a third of the validity. A URL asked for in a step is signed to expire at the end of the
 * step after the validity, and handed out to every request for the same object in the same step: so each URL handed
 * out works for at least the validity asked and at most a third longer. CloudFront URLs signed for the same instant
 * are the same on every instance, which browsers' caches notice. The {@value #REMEMBERED} URLs used last are kept.
 */
public final class ReusedUrls implements RenditionUrls {
    static final int REMEMBERED = 20_000;

    private final RenditionUrls signer;
    private final Clock clock;
    private final Map<String, URI> signed = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, URI> eldest) {
            return size() > REMEMBERED;
        }
    };

    public ReusedUrls(RenditionUrls signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public URI url(String key, Duration validity) {
        long step = Math.max(1, validity.toSeconds() / 3);
        Instant now = clock.instant();
        long expires = Math.ceilDiv(now.plus(validity).getEpochSecond(), step) * step;
        String entry = key + "@" + expires;
        synchronized (signed) {
            URI url = signed.get(entry);
            if (url != null) {
                return url;
            }
        }
        // Signed outside the lock: two requests may sign the same URL once each rather than queue behind each other.
        URI url = signer.url(key, Duration.between(now, Instant.ofEpochSecond(expires)));
        synchronized (signed) {
            signed.put(entry, url);
        }
        return url;
    }
}
