package dev.cloudgallery.platform.events;

import io.helidon.dbclient.DbExecute;

/**
 * The idempotent consumer's memory: which events a service has applied, in its own schema. Recording an event in the
 * transaction that applies it makes a redelivered event (SQS delivers at least once; a relay may send twice) change
 * nothing.
 */
public final class ProcessedEvents {
    private ProcessedEvents() {
    }

    /**
     * Records {@code eventId} as applied within {@code tx}; false when it was applied before, and the caller should
     * leave everything as it is.
     */
    public static boolean firstDelivery(DbExecute tx, String eventId) {
        return tx.dml("INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT DO NOTHING", eventId) == 1;
    }
}
