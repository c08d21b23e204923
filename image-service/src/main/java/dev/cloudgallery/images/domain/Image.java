package dev.cloudgallery.images.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An upload and what processing made of it. */
public record Image(String imageId, String ownerId, Status status, Optional<String> rejectReason, String filename,
                    String contentType, long declaredSize, Optional<Long> size, Optional<Integer> width,
                    Optional<Integer> height, Optional<String> sha256, String title, String description,
                    Visibility visibility, long version, Instant createdAt) {

    public enum Status { PENDING, PROCESSING, READY, REJECTED }

    public enum Visibility { PRIVATE, PUBLIC }

    /** Where the browser's upload lands: a key the server chose, never one from the client. */
    public String originalKey() {
        return "originals/" + ownerId + "/" + imageId;
    }

    /** The renditions processing makes, each re-encoded from pixels: nothing of the upload's metadata survives. */
    public static final List<String> RENDITIONS = List.of("original", "medium", "thumbnail");

    /** Where a rendition of a READY image is kept; the upload itself is deleted once processed. */
    public String renditionKey(String rendition) {
        return "derivatives/" + ownerId + "/" + imageId + "/" + rendition;
    }

    /** Where every rendition of the image is kept (or would be, before it is ready). */
    public List<String> renditionKeys() {
        return RENDITIONS.stream().map(this::renditionKey).toList();
    }

    /** Whether {@code userId} may see it: the owner always, anyone once it is public and ready. */
    public boolean visibleTo(Optional<String> userId) {
        return userId.filter(ownerId::equals).isPresent()
               || visibility == Visibility.PUBLIC && status == Status.READY;
    }
}
