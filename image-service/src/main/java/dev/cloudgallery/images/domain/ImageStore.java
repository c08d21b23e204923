package dev.cloudgallery.images.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.cloudgallery.images.processing.ImageProcessor;
import dev.cloudgallery.platform.paging.Keyset;

/** Where images are kept: the service's own schema. */
public interface ImageStore {
    /** What one owner's uploads take: every image but the rejected ones. */
    record Usage(long images, long bytes) {
    }

    /** What became of an insert. */
    sealed interface Insert {
        record Stored() implements Insert {
        }

        /** Nothing stored: the image would take the owner past the limits; their usage before it. */
        record OverQuota(Usage usage) implements Insert {
        }

        /** Nothing stored: the owner has an image with the same content, found by a grant running alongside. */
        record Duplicate(Image existing) implements Insert {
        }
    }

    /**
     * Stores a new PENDING image unless it would take the owner's usage past {@code limits} or duplicate their
     * content; grants for one owner are serialised, so two at once can't both pass the checks.
     */
    Insert insertWithinQuota(Image image, Limits limits);

    Usage usage(String ownerId);

    /** Moves a PENDING image to PROCESSING; empty when it was no longer PENDING. */
    Optional<Image> markProcessing(String imageId);

    /**
     * Records a processed image as READY: the upload's size and SHA-256, its upright dimensions and its renditions.
     * False when the image was no longer PENDING or PROCESSING (processed already, or deleted).
     */
    boolean markReady(String imageId, long size, String checksum, ImageProcessor.Outcome.Processed processed);

    /** Records a refused image as REJECTED for {@code reason}; false as for {@link #markReady}. */
    boolean markRejected(String imageId, String reason);

    Optional<Image> find(String imageId);

    /** Sets what the owner may change; empty when the image is gone. */
    Optional<Image> update(String imageId, String title, String description, Image.Visibility visibility);

    void delete(String imageId);

    /** Records that a PENDING image's upload was granted again just now. */
    void touch(String imageId);

    /** Up to {@code limit} images still PENDING whose last grant was issued before {@code before}, oldest first. */
    List<Image> pendingBefore(Instant before, int limit);

    /** Deletes the image if it is still PENDING; false otherwise. */
    boolean deletePending(String imageId);

    /** Up to {@code limit} of the owner's images after {@code after} (newest first), of {@code status} if given. */
    List<Image> list(String ownerId, Optional<Image.Status> status, Optional<Keyset.Position> after, int limit);
}
