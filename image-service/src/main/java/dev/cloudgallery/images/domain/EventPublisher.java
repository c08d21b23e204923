package dev.cloudgallery.images.domain;

/**
 * Sends the events that changes stored with themselves (the outbox) on to the gallery. Best effort: events that
 * can't go now stay stored, and the worker's schedule sends them later, so a change never fails for its event.
 */
@FunctionalInterface
public interface EventPublisher {
    void publishPending();
}
