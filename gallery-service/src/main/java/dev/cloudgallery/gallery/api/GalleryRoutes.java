package dev.cloudgallery.gallery.api;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.cloudgallery.gallery.domain.Card;
import dev.cloudgallery.gallery.domain.CardStore;
import dev.cloudgallery.gallery.domain.Gallery;
import dev.cloudgallery.platform.paging.Cursors;
import dev.cloudgallery.platform.paging.Keyset;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.platform.security.Authenticator;
import dev.cloudgallery.platform.security.Caller;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

/** The {@code /api/gallery} lists of API.md: each handler reads the request, calls {@link Gallery}, writes cards. */
public final class GalleryRoutes implements HttpService {
    private final Gallery gallery;
    private final Authenticator auth;
    private final CardJson cards;
    private final Cursors cursors;

    public GalleryRoutes(Gallery gallery, Authenticator auth, CardJson cards, Cursors cursors) {
        this.gallery = gallery;
        this.auth = auth;
        this.cards = cards;
        this.cursors = cursors;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/feed", (req, res) -> page(req, res, gallery::feed))
                .get("/me", auth.required((req, res, caller) -> page(
                        req, res, (after, limit) -> gallery.mine(caller.userId(), after, limit))))
                .get("/search", auth.optional(this::search))
                .get("/users/{userId}", auth.optional((req, res, caller) -> page(
                        req, res, (after, limit) -> gallery.userGallery(req.path().pathParameters().get("userId"),
                                                                        caller.map(Caller::userId), after, limit))));
    }

    /** A keyset page of cards. */
    private void page(ServerRequest req, ServerResponse res,
                      BiFunction<Optional<Keyset.Position>, Integer, List<Card>> query) {
        int limit = Keyset.limit(req.query().first("limit").asOptional());
        Optional<Keyset.Position> after = req.query().first("cursor").asOptional().map(cursors::position);
        CardJson.send(res, Keyset.page(query.apply(after, limit + 1), limit, cards::card,
                              last -> cursors.cursor(last.createdAt(), last.imageId())));
    }

    /** Search results, best first; the cursor carries the last hit's rank as well as its place in time. */
    private void search(ServerRequest req, ServerResponse res, Optional<Caller> caller) {
        int limit = Keyset.limit(req.query().first("limit").asOptional());
        Optional<CardStore.SearchPosition> after = req.query().first("cursor").asOptional()
                .map(cursors::open).map(GalleryRoutes::searchPosition);
        List<CardStore.Hit> hits = gallery.search(req.query().first("q").orElse(null), caller.map(Caller::userId),
                                                  after, limit + 1);
        CardJson.send(res, Keyset.page(hits, limit, hit -> cards.card(hit.card()),
                              last -> cursors.seal(Integer.toHexString(Float.floatToIntBits(last.rank())) + "."
                                      + Keyset.cursor(last.card().createdAt(), last.card().imageId()))));
    }

    private static CardStore.SearchPosition searchPosition(String cursor) {
        int dot = cursor.indexOf('.');
        try {
            float rank = Float.intBitsToFloat(Integer.parseUnsignedInt(cursor.substring(0, Math.max(dot, 0)), 16));
            Keyset.Position position = Keyset.position(cursor.substring(dot + 1));
            if (Float.isFinite(rank)) {
                return new CardStore.SearchPosition(rank, position.createdAt(), position.id());
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw Problem.validation("cursor", "is not a cursor this API gave out");
    }
}
