package dev.cloudgallery.gallery.domain;

import java.util.List;
import java.util.Optional;

import dev.cloudgallery.platform.paging.Keyset;

/** The read model: cards in the gallery's own schema. */
public interface CardStore {
    /**
     * Applies an event once and only if it is newer than the card: a redelivered event, or one older than what the
     * card already reflects (a delete included), changes nothing. False when it changed nothing.
     */
    boolean apply(ImageEvent event);

    /** Public cards, newest first, after {@code after}. */
    List<Card> publicCards(Optional<Keyset.Position> after, int limit);

    /** One owner's cards, newest first: all of them when {@code everyVisibility}, else the public ones. */
    List<Card> ownerCards(String ownerId, boolean everyVisibility, Optional<Keyset.Position> after, int limit);
}
