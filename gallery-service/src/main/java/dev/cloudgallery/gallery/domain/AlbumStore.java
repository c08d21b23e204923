package dev.cloudgallery.gallery.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.cloudgallery.platform.paging.Keyset;

/**
 * Albums, their images and share links. Every method that names an album takes its owner too and acts only on that
 * owner's album, so another user's album is indistinguishable from one that does not exist.
 */
public interface AlbumStore {
    /** Stores a new, empty album unless its owner has {@code max} albums already; false then. */
    boolean create(String albumId, String ownerId, String title, String description, Instant createdAt, int max);

    Optional<Album> find(String albumId, String ownerId);

    /** The owner's albums, newest first. */
    List<Album> list(String ownerId, Optional<Keyset.Position> after, int limit);

    Optional<Album> update(String albumId, String ownerId, String title, String description);

    boolean delete(String albumId, String ownerId);

    /** What adding an image did. */
    enum Added { ADDED, ALREADY_THERE, NO_ALBUM, NO_IMAGE }

    /** Adds one of the owner's current (READY, not deleted) images. */
    Added addImage(String albumId, String ownerId, String imageId);

    /** False when the album is not the owner's or the image was not in it. */
    boolean removeImage(String albumId, String ownerId, String imageId);

    /** The album's images, newest first, whatever their visibility: the caller has been allowed to see the album. */
    List<Card> images(String albumId, Optional<Keyset.Position> after, int limit);

    /**
     * Stores a link by its token's hash unless the album has {@code max} live links already (false then); links of
     * the album that expired before {@code now} are dropped on the way.
     */
    boolean createLink(String albumId, String ownerId, ShareLink link, byte[] tokenHash, Instant now, int max);

    /** The album's links that are live at {@code now}, newest first. */
    List<ShareLink> links(String albumId, String ownerId, Instant now);

    boolean revokeLink(String albumId, String ownerId, String linkId);

    /** The album a live link opens at {@code now}. */
    Optional<Album> shared(byte[] tokenHash, Instant now);
}
