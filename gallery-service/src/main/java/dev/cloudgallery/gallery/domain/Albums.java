package dev.cloudgallery.gallery.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.cloudgallery.platform.ids.Ids;
import dev.cloudgallery.platform.paging.Keyset;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.platform.problem.Problem.FieldError;
import dev.cloudgallery.platform.text.TextFields;

/**
 * Albums and their share links. Only an album's owner sees or changes it (anyone else gets 404, as for an album that
 * does not exist), except through a live share link, which shows the album, private images included, to whoever
 * holds the token.
 */
public final class Albums {
    static final int TITLE_MAX = 100;
    static final int DESCRIPTION_MAX = 1000;
    static final int ALBUMS_MAX = 200;
    static final int LIVE_LINKS_MAX = 20;
    static final long EXPIRY_MAX_HOURS = 720;
    /** 256 random bits: guessing one is hopeless however many tries the rate limit lets through. */
    private static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlbumStore store;
    private final Clock clock;

    public Albums(AlbumStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new link: its token, shown to the owner this once. */
    public record NewLink(ShareLink link, String token) {
    }

    public Album create(String ownerId, Optional<String> title, Optional<String> description) {
        List<FieldError> errors = new ArrayList<>();
        String checkedTitle = TextFields.line(errors, "title", title.orElse(null), TITLE_MAX, true);
        String checkedDescription = TextFields.lines(errors, "description", description.orElse(null),
                                                     DESCRIPTION_MAX, false);
        check(errors);
        String albumId = Ids.uuid7(clock);
        if (!store.create(albumId, ownerId, checkedTitle, checkedDescription, clock.instant(), ALBUMS_MAX)) {
            throw Problem.conflict("album-limit", "You have " + ALBUMS_MAX + " albums, the most one may have; "
                                                  + "delete one to make another.");
        }
        return owned(albumId, ownerId);
    }

    public List<Album> list(String ownerId, Optional<Keyset.Position> after, int limit) {
        return store.list(ownerId, after, limit);
    }

    /** The owner's album; 404 for anyone else. */
    public Album owned(String albumId, String ownerId) {
        return Ids.parse(albumId).flatMap(id -> store.find(id, ownerId)).orElseThrow(Albums::noAlbum);
    }

    public Album update(String albumId, String ownerId, Optional<String> title, Optional<String> description) {
        Album album = owned(albumId, ownerId);
        List<FieldError> errors = new ArrayList<>();
        String newTitle = title.map(t -> TextFields.line(errors, "title", t, TITLE_MAX, true)).orElse(album.title());
        String newDescription = description.map(d -> TextFields.lines(errors, "description", d, DESCRIPTION_MAX,
                                                                      false))
                .orElse(album.description());
        check(errors);
        return store.update(album.albumId(), ownerId, newTitle, newDescription).orElseThrow(Albums::noAlbum);
    }

    /** Deletes the album and its links; its images stay. */
    public void delete(String albumId, String ownerId) {
        if (!Ids.parse(albumId).map(id -> store.delete(id, ownerId)).orElse(false)) {
            throw noAlbum();
        }
    }

    /** Adds one of the owner's READY images; idempotent. 404 for another's album or image, or one not READY. */
    public void addImage(String albumId, String ownerId, String imageId) {
        Album album = owned(albumId, ownerId);
        String image = Ids.parse(imageId).orElseThrow(Albums::noImage);
        switch (store.addImage(album.albumId(), ownerId, image)) {
            case ADDED, ALREADY_THERE -> {
            }
            case NO_ALBUM -> throw noAlbum();
            case NO_IMAGE -> throw noImage();
        }
    }

    public void removeImage(String albumId, String ownerId, String imageId) {
        Album album = owned(albumId, ownerId);
        if (!Ids.parse(imageId).map(id -> store.removeImage(album.albumId(), ownerId, id)).orElse(false)) {
            throw Problem.notFound("No such image in this album.");
        }
    }

    /** A page of an album the caller may see (its owner, or a link's holder), private images included. */
    public List<Card> images(Album album, Optional<Keyset.Position> after, int limit) {
        return store.images(album.albumId(), after, limit);
    }

    /** A new link, valid for {@code expiresInHours} (1 to 720) or until revoked when absent. */
    public NewLink createLink(String albumId, String ownerId, Optional<Long> expiresInHours) {
        Album album = owned(albumId, ownerId);
        if (expiresInHours.isPresent() && (expiresInHours.get() < 1 || expiresInHours.get() > EXPIRY_MAX_HOURS)) {
            throw Problem.validation("expiresInHours", "must be a whole number of hours from 1 to "
                                                       + EXPIRY_MAX_HOURS + " (30 days)");
        }
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        ShareLink link = new ShareLink(Ids.uuid7(clock), album.albumId(), now,
                                       expiresInHours.map(hours -> now.plus(Duration.ofHours(hours))));
        if (!store.createLink(album.albumId(), ownerId, link, hash(token), now, LIVE_LINKS_MAX)) {
            throw Problem.conflict("link-limit", "This album has " + LIVE_LINKS_MAX + " live links, the most it may "
                                                 + "have; revoke one to make another.");
        }
        return new NewLink(link, token);
    }

    public List<ShareLink> links(String albumId, String ownerId) {
        Album album = owned(albumId, ownerId);
        return store.links(album.albumId(), ownerId, clock.instant());
    }

    public void revokeLink(String albumId, String ownerId, String linkId) {
        Album album = owned(albumId, ownerId);
        if (!Ids.parse(linkId).map(id -> store.revokeLink(album.albumId(), ownerId, id)).orElse(false)) {
            throw Problem.notFound("No such link.");
        }
    }

    /** The album a live link opens; 404 for a token never given out, revoked or expired alike. */
    public Album shared(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw noAlbum();
        }
        return store.shared(hash(token), clock.instant()).orElseThrow(Albums::noAlbum);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
    }

    private static Problem noAlbum() {
        return Problem.notFound("No such album.");
    }

    private static Problem noImage() {
        return Problem.notFound("No such image of yours, or it is not ready yet.");
    }
}
