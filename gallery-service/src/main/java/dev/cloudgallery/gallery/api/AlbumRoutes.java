package dev.cloudgallery.gallery.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.cloudgallery.gallery.domain.Album;
import dev.cloudgallery.gallery.domain.Albums;
import dev.cloudgallery.gallery.domain.Card;
import dev.cloudgallery.gallery.domain.ShareLink;
import dev.cloudgallery.platform.http.RequestBodies;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.paging.Cursors;
import dev.cloudgallery.platform.paging.Keyset;
import dev.cloudgallery.platform.security.Authenticator;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Albums, their images and share links, and the shared view a link opens (API.md). */
public final class AlbumRoutes implements HttpService {
    private final Albums albums;
    private final Authenticator auth;
    private final CardJson cards;
    private final Cursors cursors;
    private final URI siteUrl;

    /** @param siteUrl where the frontend is served: a link's URL is its shared-album page there */
    public AlbumRoutes(Albums albums, Authenticator auth, CardJson cards, Cursors cursors, URI siteUrl) {
        this.albums = albums;
        this.auth = auth;
        this.cards = cards;
        this.cursors = cursors;
        this.siteUrl = siteUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/albums", auth.required((req, res, caller) -> {
                    RequestBodies.Body body = RequestBodies.json(req);
                    Album album = albums.create(caller.userId(), body.string("title"), body.string("description"));
                    res.status(Status.CREATED_201);
                    res.header(HeaderNames.LOCATION, "/api/gallery/albums/" + album.albumId());
                    CardJson.send(res, album(album).build());
                }))
                .get("/albums", auth.required((req, res, caller) -> {
                    int limit = Keyset.limit(req.query().first("limit").asOptional());
                    List<Album> page = albums.list(caller.userId(), cursor(req), limit + 1);
                    CardJson.send(res, Keyset.page(page, limit, album -> album(album).build(),
                                                   last -> cursors.cursor(last.createdAt(), last.albumId())));
                }))
                .get("/albums/{id}", auth.required((req, res, caller) -> withImages(
                        req, res, albums.owned(id(req), caller.userId()))))
                .patch("/albums/{id}", auth.required((req, res, caller) -> {
                    RequestBodies.Body body = RequestBodies.json(req);
                    CardJson.send(res, album(albums.update(id(req), caller.userId(), body.string("title"),
                                                           body.string("description"))).build());
                }))
                .delete("/albums/{id}", auth.required((req, res, caller) -> {
                    albums.delete(id(req), caller.userId());
                    res.status(Status.NO_CONTENT_204).send();
                }))
                .put("/albums/{id}/images/{imageId}", auth.required((req, res, caller) -> {
                    albums.addImage(id(req), caller.userId(), req.path().pathParameters().get("imageId"));
                    res.status(Status.NO_CONTENT_204).send();
                }))
                .delete("/albums/{id}/images/{imageId}", auth.required((req, res, caller) -> {
                    albums.removeImage(id(req), caller.userId(), req.path().pathParameters().get("imageId"));
                    res.status(Status.NO_CONTENT_204).send();
                }))
                .post("/albums/{id}/links", auth.required((req, res, caller) -> {
                    Albums.NewLink link = albums.createLink(id(req), caller.userId(),
                                                            RequestBodies.json(req).integer("expiresInHours"));
                    res.status(Status.CREATED_201);
                    CardJson.send(res, link(link.link())
                            .add("token", link.token())
                            .add("url", siteUrl.resolve("/shared/" + link.token()).toString())
                            .build());
                }))
                .get("/albums/{id}/links", auth.required((req, res, caller) -> {
                    JsonArrayBuilder items = Json.createArrayBuilder();
                    albums.links(id(req), caller.userId()).forEach(link -> items.add(link(link)));
                    CardJson.send(res, Json.createObjectBuilder().add("items", items).build());
                }))
                .delete("/albums/{id}/links/{linkId}", auth.required((req, res, caller) -> {
                    albums.revokeLink(id(req), caller.userId(), req.path().pathParameters().get("linkId"));
                    res.status(Status.NO_CONTENT_204).send();
                }))
                .get("/shared/{token}", (req, res) -> withImages(
                        req, res, albums.shared(req.path().pathParameters().get("token"))));
    }

    /** The album with a page of its images under {@code images}. */
    private void withImages(ServerRequest req, ServerResponse res, Album album) {
        int limit = Keyset.limit(req.query().first("limit").asOptional());
        List<Card> page = albums.images(album, cursor(req), limit + 1);
        JsonObject images = Keyset.page(page, limit, cards::card,
                                        last -> cursors.cursor(last.createdAt(), last.imageId()));
        JsonObjectBuilder answer = album(album).add("images", images.get("items"));
        if (images.containsKey("nextCursor")) {
            answer.add("nextCursor", images.get("nextCursor"));
        }
        CardJson.send(res, answer.build());
    }

    private JsonObjectBuilder album(Album album) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("albumId", album.albumId())
                .add("title", album.title())
                .add("description", album.description())
                .add("createdAt", album.createdAt().toString())
                .add("imageCount", album.imageCount());
        album.cover().ifPresent(key -> json.add("cover", cards.url(key)));
        return json;
    }

    private static JsonObjectBuilder link(ShareLink link) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("linkId", link.linkId())
                .add("createdAt", link.createdAt().toString());
        link.expiresAt().ifPresentOrElse(at -> json.add("expiresAt", at.toString()), () -> json.addNull("expiresAt"));
        return json;
    }

    private Optional<Keyset.Position> cursor(ServerRequest req) {
        return req.query().first("cursor").asOptional().map(cursors::position);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
