package dev.cloudgallery.platform.events;

/**
 * Sends the events that changes stored with themselves (the outbox) on to their queues, for domain code that has
 * just made such a change. Best effort: events that can't go now stay stored, and the service's scheduled relay sends
 * them later, so a change never fails for its event.
 */
@FunctionalInterface
public interface EventPublisher {
    void publishPending();
}
