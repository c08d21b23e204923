package dev.cloudgallery.gallery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.cloudgallery.gallery.db.AlbumRepository;
import dev.cloudgallery.gallery.domain.Album;
import dev.cloudgallery.gallery.domain.Albums;
import dev.cloudgallery.platform.db.Database;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Albums and share links over HTTP against the real schema: what the owner does, what everyone else gets (404, as
 * for nothing), and what a link shows while it lives.
 */
class AlbumsTest extends GalleryTest {
    @Test
    void theOwnerBuildsRenamesEmptiesAndDeletesAnAlbumAndTheImagesStay() {
        String owner = UUID.randomUUID().toString();
        String sunset = ready(owner, "public", "Sunset", "2026-12-01T10:00:00Z");
        String diary = ready(owner, "private", "Diary", "2026-12-01T11:00:00Z");

        Response created = as(owner, Request.of("POST", "/api/gallery/albums")
                .json(Json.createObjectBuilder().add("title", "  Holidays ").add("description", "Two weeks").build()));
        assertEquals(201, created.status(), created::toString);
        String albumId = created.json().getString("albumId");
        assertEquals("/api/gallery/albums/" + albumId, created.header("Location"));
        assertEquals("Holidays", created.json().getString("title"));
        assertEquals(0, created.json().getInt("imageCount"));

        assertEquals(204, as(owner, Request.of("PUT", album(albumId) + "/images/" + sunset)).status());
        assertEquals(204, as(owner, Request.of("PUT", album(albumId) + "/images/" + diary)).status());
        assertEquals(204, as(owner, Request.of("PUT", album(albumId) + "/images/" + diary)).status(), "idempotent");

        JsonObject shown = as(owner, Request.of("GET", album(albumId))).json();
        assertEquals(List.of(diary, sunset), ids(shown.getJsonArray("images").getValuesAs(JsonObject.class)),
                     "newest first, the private one included for its owner");
        JsonObject listed = as(owner, Request.of("GET", "/api/gallery/albums")).json().getJsonArray("items")
                .getJsonObject(0);
        assertEquals(2, listed.getInt("imageCount"));
        assertTrue(listed.getString("cover").contains("/derivatives/" + owner + "/" + diary + "/thumbnail"));

        Response renamed = as(owner, Request.of("PATCH", album(albumId))
                .json(Json.createObjectBuilder().add("title", "Summer").build()));
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("Summer", renamed.json().getString("title"));
        assertEquals("Two weeks", renamed.json().getString("description"), "absent fields stay");

        assertEquals(204, as(owner, Request.of("DELETE", album(albumId) + "/images/" + diary)).status());
        assertEquals(404, as(owner, Request.of("DELETE", album(albumId) + "/images/" + diary)).status());
        assertEquals(204, as(owner, Request.of("DELETE", album(albumId))).status());
        assertEquals(404, as(owner, Request.of("GET", album(albumId))).status());
        assertEquals(Set.of(sunset, diary), Set.copyOf(ids(as(owner, Request.of("GET", "/api/gallery/me")).json()
                                                                   .getJsonArray("items").getValuesAs(JsonObject.class))),
                     "deleting an album leaves its images");
    }

    @Test
    void everyoneButTheOwnerGets404AndNothingChanges() {
        String owner = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String image = ready(owner, "public", "Mine", "2026-12-01T10:00:00Z");
        String othersImage = ready(other, "public", "Theirs", "2026-12-01T10:00:00Z");
        String albumId = createAlbum(owner, "Private album");
        assertEquals(204, as(owner, Request.of("PUT", album(albumId) + "/images/" + image)).status());
        JsonObject link = as(owner, Request.of("POST", album(albumId) + "/links")).json();
        String before = summary(as(owner, Request.of("GET", album(albumId))).json());

        List<Request> ownerOnly = List.of(
                Request.of("GET", album(albumId)),
                Request.of("PATCH", album(albumId)).json(Json.createObjectBuilder().add("title", "Taken").build()),
                Request.of("DELETE", album(albumId)),
                Request.of("PUT", album(albumId) + "/images/" + othersImage),
                Request.of("DELETE", album(albumId) + "/images/" + image),
                Request.of("POST", album(albumId) + "/links"),
                Request.of("GET", album(albumId) + "/links"),
                Request.of("DELETE", album(albumId) + "/links/" + link.getString("linkId")));
        for (Request request : ownerOnly) {
            Response answer = api.send(request);
            assertEquals(401, answer.status(), () -> "no token: " + request);
            assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"));
            assertEquals(404, as(other, request).status(), () -> "another user: " + request);
        }
        assertEquals(before, summary(as(owner, Request.of("GET", album(albumId))).json()), "nothing changed");
        assertEquals(1, links(owner, albumId).size());
        assertEquals(200, api.get("/api/gallery/shared/" + link.getString("token")).status(), "the link still works");
        assertEquals(List.of(), as(other, Request.of("GET", "/api/gallery/albums")).json().getJsonArray("items"));

        // The owner can't put another user's image, or one that is unknown or gone, into their own album.
        String deleted = ready(owner, "public", "Gone", "2026-12-01T10:00:00Z");
        consumer.handle(ImageEvents.deleted(deleted, owner, 3));
        for (String notTheirs : List.of(othersImage, deleted, UUID.randomUUID().toString(), "not-an-id")) {
            assertEquals(404, as(owner, Request.of("PUT", album(albumId) + "/images/" + notTheirs)).status(),
                         notTheirs);
        }
        assertEquals(404, as(owner, Request.of("GET", "/api/gallery/albums/not-an-id")).status());
        assertEquals(404, as(owner, Request.of("GET", album(UUID.randomUUID().toString()))).status());
    }

    @Test
    void aLinkShowsTheAlbumWithItsPrivateImagesUntilRevoked() {
        String owner = UUID.randomUUID().toString();
        String secret = ready(owner, "private", "Only by link", "2026-12-01T10:00:00Z");
        String albumId = createAlbum(owner, "Family");
        assertEquals(204, as(owner, Request.of("PUT", album(albumId) + "/images/" + secret)).status());

        Instant asked = Instant.now();
        Response created = as(owner, Request.of("POST", album(albumId) + "/links")
                .json(Json.createObjectBuilder().add("expiresInHours", 24).build()));
        assertEquals(201, created.status(), created::toString);
        String token = created.json().getString("token");
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 random bits: " + token);
        assertEquals("http://localhost:8080/shared/" + token, created.json().getString("url"));
        Instant expiresAt = Instant.parse(created.json().getString("expiresAt"));
        assertTrue(Duration.between(asked, expiresAt).minus(Duration.ofHours(24)).abs().getSeconds() < 60);
        JsonObject listed = links(owner, albumId).get(0);
        assertEquals(created.json().getString("linkId"), listed.getString("linkId"));
        assertFalse(listed.containsKey("token"), "the token is shown once");

        Response shared = api.get("/api/gallery/shared/" + token);
        assertEquals(200, shared.status(), shared::toString);
        assertEquals("Family", shared.json().getString("title"));
        assertEquals(List.of(secret), ids(shared.json().getJsonArray("images").getValuesAs(JsonObject.class)));
        assertEquals("no-store", shared.header("Cache-Control"));
        // Still private everywhere else.
        assertEquals(List.of(), api.get("/api/gallery/users/" + owner).json().getJsonArray("items"));

        JsonObject unexpiring = as(owner, Request.of("POST", album(albumId) + "/links")).json();
        assertTrue(unexpiring.isNull("expiresAt"), "no expiry asked, none set");
        assertEquals(204, as(owner, Request.of("DELETE", album(albumId) + "/links/"
                                                         + created.json().getString("linkId"))).status());
        assertEquals(404, api.get("/api/gallery/shared/" + token).status(), "revoked");
        assertEquals(404, as(owner, Request.of("DELETE", album(albumId) + "/links/"
                                                         + created.json().getString("linkId"))).status());
        assertEquals(200, api.get("/api/gallery/shared/" + unexpiring.getString("token")).status());
        assertEquals(404, api.get("/api/gallery/shared/" + "A".repeat(43)).status(), "never given out");
        assertEquals(404, api.get("/api/gallery/shared/short").status());

        for (String hours : List.of("0", "721", "-1", "1.5", "\"24\"")) {
            Response refused = as(owner, Request.of("POST", album(albumId) + "/links")
                    .body("application/json", ("{\"expiresInHours\":" + hours + "}").getBytes()));
            assertEquals(400, refused.status(), hours);
        }
        assertEquals(1, links(owner, albumId).size(), "refused links were not made");

        assertEquals(204, as(owner, Request.of("DELETE", album(albumId))).status());
        assertEquals(404, api.get("/api/gallery/shared/" + unexpiring.getString("token")).status(),
                     "an album's links go with it");
    }

    @Test
    void aDeletedImageLeavesEveryAlbumAndAPrivateOneStaysInIt() {
        String owner = UUID.randomUUID().toString();
        String image = ready(owner, "public", "Kept then gone", "2026-12-01T10:00:00Z");
        String first = createAlbum(owner, "One");
        String second = createAlbum(owner, "Two");
        as(owner, Request.of("PUT", album(first) + "/images/" + image));
        as(owner, Request.of("PUT", album(second) + "/images/" + image));
        String token = as(owner, Request.of("POST", album(first) + "/links")).json().getString("token");

        consumer.handle(ImageEvents.event("image.visibility_changed", image, owner, 3, "private", "Kept then gone"));
        assertEquals(1, as(owner, Request.of("GET", album(first))).json().getInt("imageCount"));
        assertEquals("private", api.get("/api/gallery/shared/" + token).json().getJsonArray("images")
                .getJsonObject(0).getString("visibility"));

        consumer.handle(ImageEvents.deleted(image, owner, 4));
        for (String albumId : List.of(first, second)) {
            JsonObject shown = as(owner, Request.of("GET", album(albumId))).json();
            assertEquals(0, shown.getInt("imageCount"));
            assertEquals(List.of(), shown.getJsonArray("images"));
            assertFalse(shown.containsKey("cover"));
        }
        assertEquals(List.of(), api.get("/api/gallery/shared/" + token).json().getJsonArray("images"));
    }

    @Test
    void titlesAndCountsAreBounded() {
        String owner = UUID.randomUUID().toString();
        for (String title : List.of("", "   ", "x".repeat(101), "tab\tin title", "bad \uFFFF")) {
            Response refused = as(owner, Request.of("POST", "/api/gallery/albums")
                    .json(Json.createObjectBuilder().add("title", title).build()));
            assertEquals(400, refused.status(), title);
            assertEquals("title", refused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        }
        assertEquals(400, as(owner, Request.of("POST", "/api/gallery/albums")
                .json(Json.createObjectBuilder().add("title", "ok").add("description", "d".repeat(1001)).build()))
                .status());
        assertEquals(201, as(owner, Request.of("POST", "/api/gallery/albums")
                .json(Json.createObjectBuilder().add("title", "x".repeat(100)).build())).status());
        for (int i = 1; i < 200; i++) {
            createAlbum(owner, "Album " + i);
        }
        Response over = as(owner, Request.of("POST", "/api/gallery/albums")
                .json(Json.createObjectBuilder().add("title", "One too many").build()));
        assertEquals(409, over.status(), over::toString);

        Set<String> walked = new java.util.HashSet<>();
        String cursor = null;
        do {
            Response page = as(owner, Request.of("GET", "/api/gallery/albums?limit=100"
                                                         + (cursor == null ? "" : "&cursor=" + cursor)));
            page.json().getJsonArray("items").getValuesAs(JsonObject.class)
                    .forEach(album -> walked.add(album.getString("albumId")));
            cursor = page.json().getString("nextCursor", null);
        } while (cursor != null);
        assertEquals(200, walked.size(), "every album once, by cursor");

        String albumId = walked.iterator().next();
        for (int i = 0; i < 20; i++) {
            assertEquals(201, as(owner, Request.of("POST", album(albumId) + "/links")).status());
        }
        assertEquals(409, as(owner, Request.of("POST", album(albumId) + "/links")).status());
    }

    @Test
    void anExpiredLinkOpensNothing() {
        AlbumRepository store = new AlbumRepository(Database.create(gallery.config().get("db")).client());
        Instant created = Instant.parse("2026-12-01T10:00:00Z");
        Albums then = new Albums(store, Clock.fixed(created, ZoneOffset.UTC));
        String owner = UUID.randomUUID().toString();
        Album album = then.create(owner, Optional.of("Expiring"), Optional.empty());
        Albums.NewLink link = then.createLink(album.albumId(), owner, Optional.of(2L));

        Albums lastSecond = new Albums(store, Clock.fixed(created.plus(Duration.ofHours(2)).minusSeconds(1),
                                                          ZoneOffset.UTC));
        assertEquals(album.albumId(), lastSecond.shared(link.token()).albumId());
        assertEquals(1, lastSecond.links(album.albumId(), owner).size());

        Albums expired = new Albums(store, Clock.fixed(created.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertEquals(404, assertThrows(Problem.class, () -> expired.shared(link.token())).status());
        assertEquals(List.of(), expired.links(album.albumId(), owner), "an expired link is not live");
    }

    private String ready(String owner, String visibility, String title, String createdAt) {
        String image = UUID.randomUUID().toString();
        consumer.handle(ImageEvents.event("image.ready", image, owner, 2, visibility, title, "",
                                          Instant.parse(createdAt)));
        return image;
    }

    private String createAlbum(String owner, String title) {
        Response created = as(owner, Request.of("POST", "/api/gallery/albums")
                .json(Json.createObjectBuilder().add("title", title).build()));
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("albumId");
    }

    private List<JsonObject> links(String owner, String albumId) {
        return as(owner, Request.of("GET", album(albumId) + "/links")).json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    /** What an album shows, without its URLs, which are signed anew for each answer. */
    private static String summary(JsonObject album) {
        return album.getString("title") + "|" + album.getString("description") + "|" + album.getInt("imageCount")
               + "|" + ids(album.getJsonArray("images").getValuesAs(JsonObject.class));
    }

    private static String album(String albumId) {
        return "/api/gallery/albums/" + albumId;
    }

    private static List<String> ids(List<JsonObject> cards) {
        return cards.stream().map(card -> card.getString("imageId")).collect(Collectors.toList());
    }

    private Response as(String userId, Request request) {
        return api.send(request.bearer(token(userId)));
    }
}
