package dev.cloudgallery.platform.events;

import io.helidon.dbclient.DbExecute;

/**
 * The transactional outbox: an event is stored in the producer's own schema, in the transaction of the change it
 * describes, so the change and its event commit or fail together. {@link OutboxRelay} sends stored events to their
 * queue later; a queue that is down delays events and loses none.
 */
public final class Outbox {
    /** The gallery's queue: image and profile events feed its read model. */
    public static final String GALLERY_EVENTS = "gallery-events";

    private Outbox() {
    }

    /** Stores {@code event} for {@code destination} (a queue's name, e.g. {@code gallery-events}) within {@code tx}. */
    public static void append(DbExecute tx, String destination, OutboxEvent event) {
        tx.dml("INSERT INTO outbox (destination, event_id, body) VALUES (?, ?, ?::jsonb)", destination,
               event.eventId(), event.toJson().toString());
    }
}
