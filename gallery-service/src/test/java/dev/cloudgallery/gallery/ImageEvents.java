package dev.cloudgallery.gallery;

import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Image and profile events as the producers' outboxes write them, for feeding the consumer in tests. */
final class ImageEvents {
    private ImageEvents() {
    }

    static String event(String type, String imageId, String ownerId, long version, String visibility,
                                String title) {
        return event(type, imageId, ownerId, version, visibility, title, "", Instant.parse("2026-12-01T10:00:00Z"));
    }

    static String event(String type, String imageId, String ownerId, long version, String visibility,
                                String title, String description) {
        return event(type, imageId, ownerId, version, visibility, title, description,
                     Instant.parse("2026-12-01T10:00:00Z"));
    }

    static String event(String type, String imageId, String ownerId, long version, String visibility,
                                String title, Instant createdAt) {
        return event(type, imageId, ownerId, version, visibility, title, "", createdAt);
    }

    /** An event as image-service's outbox writes it. */
    static String event(String type, String imageId, String ownerId, long version, String visibility,
                                String title, String description, Instant createdAt) {
        JsonObject renditions = Json.createObjectBuilder()
                .add("thumbnail", Json.createObjectBuilder().add("key", key(ownerId, imageId, "thumbnail"))
                        .add("contentType", "image/jpeg").add("width", 320).add("height", 240))
                .add("medium", Json.createObjectBuilder().add("key", key(ownerId, imageId, "medium"))
                        .add("contentType", "image/jpeg").add("width", 640).add("height", 480))
                .add("original", Json.createObjectBuilder().add("key", key(ownerId, imageId, "original"))
                        .add("contentType", "image/jpeg").add("width", 640).add("height", 480))
                .build();
        return Json.createObjectBuilder()
                .add("eventId", imageId + "/" + version).add("type", type).add("aggregateId", imageId)
                .add("version", version).add("occurredAt", Instant.now().toString())
                .add("data", Json.createObjectBuilder().add("imageId", imageId).add("ownerId", ownerId)
                        .add("title", title).add("description", description).add("visibility", visibility)
                        .add("contentType", "image/jpeg").add("width", 640).add("height", 480)
                        .add("createdAt", createdAt.toString()).add("renditions", renditions))
                .build().toString();
    }

    static String deleted(String imageId, String ownerId, long version) {
        return Json.createObjectBuilder()
                .add("eventId", imageId + "/" + version).add("type", "image.deleted").add("aggregateId", imageId)
                .add("version", version).add("occurredAt", Instant.now().toString())
                .add("data", Json.createObjectBuilder().add("imageId", imageId).add("ownerId", ownerId))
                .build().toString();
    }

    /** A profile change as user-service publishes it. */
    static String profile(String ownerId, long version, String displayName) {
        return Json.createObjectBuilder()
                .add("eventId", ownerId + "/" + version).add("type", "profile.updated").add("aggregateId", ownerId)
                .add("version", version).add("occurredAt", Instant.now().toString())
                .add("data", Json.createObjectBuilder().add("userId", ownerId).add("displayName", displayName))
                .build().toString();
    }

    static String key(String ownerId, String imageId, String rendition) {
        return "derivatives/" + ownerId + "/" + imageId + "/" + rendition;
    }
}
