package dev.cloudgallery.images.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.cloudgallery.images.processing.ImageProcessor;
import dev.cloudgallery.images.processing.ImageProcessor.Outcome;
import dev.cloudgallery.platform.events.EventPublisher;

/**
 * The processing worker's use case: one uploaded image in, READY with its renditions or REJECTED with a reason out.
 * <p>
 * SQS delivers at least once, so every step may run twice: an image already READY or REJECTED only has its upload
 * removed again, renditions go to fixed keys, and the status changes only from PENDING or PROCESSING. A dependency
 * that fails throws, and the message comes back; the upload is deleted only after the outcome is recorded.
 */
public final class Processing {
    private static final System.Logger LOG = System.getLogger(Processing.class.getName());

    private final ImageStore store;
    private final ObjectStorage storage;
    private final ImageProcessor processor;
    private final Limits limits;
    private final EventPublisher events;

    public Processing(ImageStore store, ObjectStorage storage, ImageProcessor processor, Limits limits,
                      EventPublisher events) {
        this.store = store;
        this.events = events;
        this.storage = storage;
        this.processor = processor;
        this.limits = limits;
    }

    public void process(String imageId) {
        Optional<Image> found = store.find(imageId);
        if (found.isEmpty()) {
            // Deleted after it was queued; the delete removed its objects.
            return;
        }
        Image image = found.get();
        if (image.status() == Image.Status.READY || image.status() == Image.Status.REJECTED) {
            storage.delete(List.of(image.originalKey()));
            return;
        }
        Optional<Long> size = storage.size(image.originalKey());
        if (size.isEmpty()) {
            // Never uploaded: "complete" refuses that, so only a sweep finds it, and drops it after its TTL.
            return;
        }
        long allowed = Math.min(image.declaredSize(), limits.maxUploadBytes());
        if (size.get() > allowed) {
            reject(image, ImageProcessor.Reason.TOO_LARGE);
            return;
        }
        byte[] bytes = storage.read(image.originalKey(), allowed);
        if (bytes.length > allowed) {
            // Replaced by a larger object between the HEAD and the GET.
            reject(image, ImageProcessor.Reason.TOO_LARGE);
            return;
        }
        switch (processor.process(bytes, image.contentType())) {
            case Outcome.Rejected rejected -> reject(image, rejected.reason());
            case Outcome.Processed processed -> {
                for (ImageProcessor.Rendition rendition : processed.renditions()) {
                    storage.put(image.renditionKey(rendition.name()), rendition.contentType(), rendition.bytes());
                }
                if (!store.markReady(image.imageId(), bytes.length, sha256(bytes), processed)
                    && store.find(image.imageId()).isEmpty()) {
                    // Deleted while it was processed: what was just written must not outlive it.
                    storage.delete(image.renditionKeys());
                }
                storage.delete(List.of(image.originalKey()));
                events.publishPending();
                LOG.log(System.Logger.Level.INFO, "Image " + image.imageId() + " is ready: " + processed.width()
                                                  + "x" + processed.height());
            }
        }
    }

    private void reject(Image image, ImageProcessor.Reason reason) {
        store.markRejected(image.imageId(), reason.name().toLowerCase(Locale.ROOT));
        storage.delete(List.of(image.originalKey()));
        LOG.log(System.Logger.Level.INFO, "Image " + image.imageId() + " was rejected: " + reason);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
