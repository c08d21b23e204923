package dev.cloudgallery.gallery.domain;

import java.util.List;
import java.util.Optional;

import dev.cloudgallery.platform.ids.Ids;
import dev.cloudgallery.platform.paging.Keyset;
import dev.cloudgallery.platform.problem.Problem;

/** The gallery's use cases: what each list shows, and the events that keep it current. */
public final class Gallery {
    private static final System.Logger LOG = System.getLogger(Gallery.class.getName());

    private final CardStore store;

    public Gallery(CardStore store) {
        this.store = store;
    }

    public void apply(ImageEvent event) {
        if (!store.apply(event)) {
            LOG.log(System.Logger.Level.DEBUG, "Event " + event.eventId() + " is a redelivery or older than the card");
        }
    }

    public void apply(ProfileEvent event) {
        if (!store.apply(event)) {
            LOG.log(System.Logger.Level.DEBUG, "Event " + event.eventId() + " is a redelivery or older than the name");
        }
    }

    public List<Card> feed(Optional<Keyset.Position> after, int limit) {
        return store.publicCards(after, limit);
    }

    /** A user's gallery: their public images, or all of them when they look at their own. */
    public List<Card> userGallery(String userId, Optional<String> caller, Optional<Keyset.Position> after, int limit) {
        String owner = Ids.parse(userId).orElseThrow(() -> Problem.notFound("No such user."));
        return store.ownerCards(owner, caller.filter(owner::equals).isPresent(), after, limit);
    }

    /** How many of the newest matches a search ranks. */
    static final int SEARCH_CAP = 1000;
    static final int QUERY_MAX = 200;

    public List<CardStore.Hit> search(String query, Optional<String> caller, Optional<CardStore.SearchPosition> after,
                                      int limit) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty() || text.length() > QUERY_MAX) {
            throw Problem.validation("q", "is required, at most " + QUERY_MAX + " characters");
        }
        return store.search(text, caller, after, limit, SEARCH_CAP);
    }

    public List<Card> mine(String caller, Optional<Keyset.Position> after, int limit) {
        return store.ownerCards(caller, true, after, limit);
    }
}
