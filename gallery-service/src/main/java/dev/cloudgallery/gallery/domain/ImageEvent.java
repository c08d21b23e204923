package dev.cloudgallery.gallery.domain;

import java.util.Optional;

/**
 * An image event as image-service publishes it: {@code card} is the image as it now is (empty for a deletion, which
 * carries only the ids), {@code version} the image's version after the change.
 */
public record ImageEvent(String eventId, String imageId, String ownerId, long version,
                         Optional<Card> card) {

    public boolean isDeletion() {
        return card.isEmpty();
    }
}
