package dev.cloudgallery.gallery.domain;

import java.time.Instant;
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

    /**
     * Applies a profile change to every card of its owner, and to the cards to come, once and only if it is newer
     * than the name already known. False when it changed nothing.
     */
    boolean apply(ProfileEvent event);

    /** Public cards, newest first, after {@code after}. */
    List<Card> publicCards(Optional<Keyset.Position> after, int limit);

    /** A search hit's place in the ranked results: by rank, then newest first. */
    record SearchPosition(float rank, Instant createdAt, String imageId) {
    }

    /** A card and how well it matched. */
    record Hit(Card card, float rank) {
    }

    /**
     * Cards whose title or description match {@code query} (web search syntax), public or the caller's own, best
     * first; only the {@code cap} newest matches are ranked, so a very common word costs no more than a rare one.
     */
    List<Hit> search(String query, Optional<String> caller, Optional<SearchPosition> after, int limit, int cap);

    /** One owner's cards, newest first: all of them when {@code everyVisibility}, else the public ones. */
    List<Card> ownerCards(String ownerId, boolean everyVisibility, Optional<Keyset.Position> after, int limit);
}
