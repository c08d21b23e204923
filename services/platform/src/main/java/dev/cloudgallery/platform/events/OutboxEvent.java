package dev.cloudgallery.platform.events;

import java.time.Instant;

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonObject;

/**
 * A change one service tells others about: of {@code type} (e.g. {@code image.updated}), to the aggregate
 * {@code aggregateId}, which it brought to {@code version}, with the aggregate's {@code data} as it now is. Every
 * change of an aggregate raises its version, so {@link #eventId()} names one event for good: a consumer that has
 * seen it, or a later version, ignores it.
 */
public record OutboxEvent(String type, String aggregateId, long version, JsonObject data, Instant occurredAt) {

    public String eventId() {
        return aggregateId + "/" + version;
    }

    /** The message body consumers receive. */
    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("eventId", eventId())
                .add("type", type)
                .add("aggregateId", aggregateId)
                .add("version", version)
                .add("occurredAt", occurredAt.toString())
                .add("data", data)
                .build();
    }
}
