package dev.cloudgallery.images.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Finds the uploads nobody completed. A PENDING image older than the TTL, which outlasts every upload grant, can no
 * longer receive bytes: if they arrived (the tab closed before "complete"), it goes to processing; if not, the row
 * goes, so it stops counting against the quota.
 */
public final class Sweeper {
    /** How many images one query of a sweep looks at. */
    static final int BATCH = 100;
    private static final System.Logger LOG = System.getLogger(Sweeper.class.getName());

    private final ImageStore store;
    private final ObjectStorage storage;
    private final ProcessingQueue queue;
    private final Duration pendingTtl;
    private final Clock clock;

    public Sweeper(ImageStore store, ObjectStorage storage, ProcessingQueue queue, Duration pendingTtl,
                   Duration uploadValidity, Clock clock) {
        if (pendingTtl.compareTo(uploadValidity) <= 0) {
            throw new IllegalArgumentException("The pending TTL (" + pendingTtl + ") must outlast an upload grant ("
                                               + uploadValidity + "), or a sweep could drop an upload under way");
        }
        this.store = store;
        this.storage = storage;
        this.queue = queue;
        this.pendingTtl = pendingTtl;
        this.clock = clock;
    }

    /** What a sweep did. */
    public record Swept(int queued, int dropped) {
    }

    /** Handles every stale image, a batch at a time: each one handled leaves PENDING, so the next query moves on. */
    public Swept sweep() {
        int queued = 0;
        int dropped = 0;
        List<Image> stale;
        do {
            stale = store.pendingBefore(clock.instant().minus(pendingTtl), BATCH);
            for (Image image : stale) {
                if (storage.exists(image.originalKey())) {
                    queue.enqueue(image.imageId());
                    store.markProcessing(image.imageId());
                    queued++;
                } else if (store.deletePending(image.imageId())) {
                    dropped++;
                }
            }
        } while (stale.size() == BATCH);
        if (queued + dropped > 0) {
            LOG.log(System.Logger.Level.INFO, "Sweep: " + queued + " uncompleted uploads queued, " + dropped
                                              + " expired grants dropped");
        }
        return new Swept(queued, dropped);
    }
}
