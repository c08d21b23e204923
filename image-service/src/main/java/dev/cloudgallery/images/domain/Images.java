package dev.cloudgallery.images.domain;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.cloudgallery.platform.events.EventPublisher;
import dev.cloudgallery.platform.ids.Ids;
import dev.cloudgallery.platform.media.RenditionUrls;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.platform.problem.Problem.FieldError;
import dev.cloudgallery.platform.paging.Keyset;
import dev.cloudgallery.platform.text.TextFields;

/**
 * The image service's use cases. Image bytes never pass through here: a grant hands the browser a signed upload
 * target for one object under a key the server chose, after checking type, size, duplicates and the owner's quota.
 */
public final class Images {
    public static final Set<String> CONTENT_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    static final int FILENAME_MAX = 255;
    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 2000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ImageStore store;
    private final UploadTarget.Signer signer;
    private final ObjectStorage storage;
    private final ProcessingQueue queue;
    private final Limits limits;
    private final RenditionUrls urls;
    private final Duration urlValidity;
    private final EventPublisher events;
    private final Clock clock;

    public Images(ImageStore store, UploadTarget.Signer signer, ObjectStorage storage, ProcessingQueue queue,
                  Limits limits, RenditionUrls urls, Duration urlValidity, EventPublisher events, Clock clock) {
        this.store = store;
        this.urls = urls;
        this.events = events;
        this.signer = signer;
        this.storage = storage;
        this.queue = queue;
        this.limits = limits;
        this.urlValidity = urlValidity;
        this.clock = clock;
    }

    /** What a client asks to upload; every field as sent, checked by {@link #grant}. */
    public record UploadRequest(String filename, String contentType, Long size, String title, String description,
                                String visibility, String sha256) {
    }

    /** A stored PENDING image and where its bytes go. */
    public record Grant(Image image, UploadTarget upload) {
    }

    /** The owner's usage against the limits a grant enforces. */
    public record Quota(long images, long bytes, long maxImages, long maxBytes) {
    }

    public Grant grant(String ownerId, UploadRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String filename = TextFields.line(errors, "filename", request.filename(), FILENAME_MAX, true);
        String title = TextFields.line(errors, "title", request.title(), TITLE_MAX, false);
        String description = TextFields.lines(errors, "description", request.description(), DESCRIPTION_MAX, false);
        String contentType = request.contentType() == null ? null : request.contentType().toLowerCase(Locale.ROOT);
        if (contentType == null || !CONTENT_TYPES.contains(contentType)) {
            errors.add(new FieldError("contentType", "must be one of " + String.join(", ", CONTENT_TYPES.stream()
                    .sorted().toList())));
        }
        if (request.size() == null || request.size() <= 0) {
            errors.add(new FieldError("size", "is required and must be at least 1 byte"));
        } else if (request.size() > limits.maxUploadBytes()) {
            errors.add(new FieldError("size", "must be at most " + limits.maxUploadBytes() + " bytes"));
        }
        Image.Visibility visibility = visibility(errors, request.visibility());
        String sha256 = request.sha256() == null ? null : request.sha256().toLowerCase(Locale.ROOT);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            errors.add(new FieldError("sha256", "must be 64 hexadecimal digits"));
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
        Image image = new Image(Ids.uuid7(clock), ownerId, Image.Status.PENDING, Optional.empty(), filename, contentType,
                                request.size(), Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.ofNullable(sha256), title, description, visibility, 1, clock.instant());
        switch (store.insertWithinQuota(image, limits)) {
            case ImageStore.Insert.OverQuota over -> throw quotaExceeded(over.usage());
            case ImageStore.Insert.Duplicate duplicate -> {
                Image existing = duplicate.existing();
                if (existing.status() != Image.Status.PENDING) {
                    throw duplicate(existing);
                }
                // Not uploaded yet, its grant perhaps expired (a closed tab, a lost connection): the same upload
                // again, with a fresh grant, rather than a conflict nobody could get past.
                // The sweep counts a grant's age from its last issue, so it never drops one that is still valid.
                store.touch(existing.imageId());
                return new Grant(existing, signer.grant(existing.originalKey(), existing.contentType(),
                                                        existing.declaredSize()));
            }
            case ImageStore.Insert.Stored stored -> {
                return new Grant(image, signer.grant(image.originalKey(), contentType, request.size()));
            }
        }
    }

    /**
     * The owner says the bytes are uploaded: once they are in storage, the image goes to the processing worker.
     * Idempotent: an image past PENDING is answered as it is. The message goes out before the status changes, so a
     * failed send changes nothing (503, try again); a change that fails after the send leaves a PENDING image whose
     * message the worker processes anyway.
     */
    public Image complete(String imageId, String ownerId) {
        Image image = owned(imageId, ownerId);
        if (image.status() != Image.Status.PENDING) {
            return image;
        }
        if (!storage.exists(image.originalKey())) {
            throw Problem.conflict("not-uploaded", "The image's bytes are not in storage yet: upload them with the "
                                                   + "grant, then complete.");
        }
        queue.enqueue(image.imageId());
        return store.markProcessing(image.imageId()).orElseGet(() -> find(imageId, Optional.of(ownerId)));
    }

    /** What an owner asks to change; an absent field stays as it is. */
    public record Changes(Optional<String> title, Optional<String> description, Optional<String> visibility) {
    }

    public Image update(String imageId, String ownerId, Changes changes) {
        Image image = owned(imageId, ownerId);
        List<FieldError> errors = new ArrayList<>();
        String title = changes.title().map(t -> TextFields.line(errors, "title", t, TITLE_MAX, false)).orElse(image.title());
        String description = changes.description().map(d -> TextFields.lines(errors, "description", d, DESCRIPTION_MAX, false))
                .orElse(image.description());
        Image.Visibility visibility = changes.visibility().map(v -> visibility(errors, v)).orElse(image.visibility());
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
        Image updated = store.update(image.imageId(), title, description, visibility)
                .orElseThrow(() -> Problem.notFound("No such image."));
        events.publishPending();
        return updated;
    }

    /**
     * Deletes the image: its upload and every rendition leave storage first, then the row, so a failure half way
     * leaves an image the owner can delete again rather than objects nobody knows of.
     */
    public void delete(String imageId, String ownerId) {
        Image image = owned(imageId, ownerId);
        List<String> keys = new ArrayList<>(image.renditionKeys());
        keys.add(image.originalKey());
        storage.delete(keys);
        store.delete(image.imageId());
        // Again: a worker that was writing renditions meanwhile may have recorded them before the row went.
        storage.delete(keys);
        events.publishPending();
    }

    /** Short-lived URLs of a READY image's renditions, by name; none before it is ready. */
    public Map<String, URI> urls(Image image) {
        Map<String, URI> links = new LinkedHashMap<>();
        if (image.status() == Image.Status.READY) {
            Image.RENDITIONS.forEach(rendition -> links.put(rendition, urls.url(image.renditionKey(rendition),
                                                                                 urlValidity)));
        }
        return links;
    }

    public Quota quota(String ownerId) {
        ImageStore.Usage usage = store.usage(ownerId);
        return new Quota(usage.images(), usage.bytes(), limits.maxImages(), limits.maxBytes());
    }

    /** The image as {@code userId} (empty: anonymous) may see it; 404 when it may not, so ids can't be probed. */
    public Image find(String imageId, Optional<String> userId) {
        return Ids.parse(imageId).flatMap(store::find)
                .filter(image -> image.visibleTo(userId))
                .orElseThrow(() -> Problem.notFound("No such image."));
    }

    /** A page of the owner's images, newest first. */
    public List<Image> list(String ownerId, Optional<Image.Status> status, Optional<Keyset.Position> after,
                            int limit) {
        return store.list(ownerId, status, after, limit);
    }

    /** The owner's image; 404 for anyone else, even where the image is public: only its owner changes it. */
    private Image owned(String imageId, String ownerId) {
        Image image = find(imageId, Optional.of(ownerId));
        if (!image.ownerId().equals(ownerId)) {
            throw Problem.notFound("No such image.");
        }
        return image;
    }

    private static Image.Visibility visibility(List<FieldError> errors, String value) {
        if (value == null) {
            return Image.Visibility.PRIVATE;
        }
        return switch (value) {
            case "private" -> Image.Visibility.PRIVATE;
            case "public" -> Image.Visibility.PUBLIC;
            default -> {
                errors.add(new FieldError("visibility", "must be private or public"));
                yield Image.Visibility.PRIVATE;
            }
        };
    }

    private Problem quotaExceeded(ImageStore.Usage usage) {
        return Problem.of(403, "quota-exceeded", "Quota exceeded",
                          "This upload would take you past your storage allowance; delete images to make room.",
                          Map.of("images", usage.images(), "bytes", usage.bytes(),
                                 "maxImages", limits.maxImages(), "maxBytes", limits.maxBytes()));
    }

    private static Problem duplicate(Image existing) {
        return Problem.conflict("duplicate-image", "You have uploaded this image already.",
                                Map.of("imageId", existing.imageId()));
    }
}
