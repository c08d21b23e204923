package dev.cloudgallery.gallery.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.cloudgallery.gallery.domain.Album;
import dev.cloudgallery.gallery.domain.AlbumStore;
import dev.cloudgallery.gallery.domain.Card;
import dev.cloudgallery.gallery.domain.ShareLink;
import dev.cloudgallery.platform.db.Transactions;
import dev.cloudgallery.platform.paging.Keyset;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

/**
 * Albums, album images and share links in the {@code gallery} schema. Ownership is part of every statement's
 * condition, so another user's album is never read or changed.
 */
public final class AlbumRepository implements AlbumStore {
    /** An album with how many images it holds and its newest image's thumbnail. */
    private static final String ALBUM = "SELECT a.album_id, a.owner_id, a.title, a.description, a.created_at, "
            + "(SELECT count(*) FROM album_images i WHERE i.album_id = a.album_id) AS image_count, "
            + "(SELECT c.thumbnail_key FROM album_images i JOIN cards c USING (image_id) WHERE i.album_id = a.album_id "
            + "ORDER BY c.created_at DESC, c.image_id DESC LIMIT 1) AS cover FROM albums a ";

    private final DbClient db;

    public AlbumRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public boolean create(String albumId, String ownerId, String title, String description, Instant createdAt,
                          int max) {
        return Transactions.inTransaction(db, tx -> {
            lockOwner(tx, ownerId);
            long albums = tx.get("SELECT count(*) AS n FROM albums WHERE owner_id = ?::uuid", ownerId)
                    .orElseThrow().column("n").get(Long.class);
            if (albums >= max) {
                return false;
            }
            tx.dml("INSERT INTO albums (album_id, owner_id, title, description, created_at) "
                           + "VALUES (?::uuid, ?::uuid, ?, ?, ?)",
                   albumId, ownerId, title, description, Timestamp.from(createdAt));
            return true;
        });
    }

    @Override
    public Optional<Album> find(String albumId, String ownerId) {
        return db.execute().get(ALBUM + "WHERE a.album_id = ?::uuid AND a.owner_id = ?::uuid", albumId, ownerId)
                .map(AlbumRepository::album);
    }

    @Override
    public List<Album> list(String ownerId, Optional<Keyset.Position> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(ownerId));
        return db.execute().query(ALBUM + "WHERE a.owner_id = ?::uuid"
                                  + Keyset.pageSql("album_id", after, limit, parameters), parameters.toArray())
                .map(AlbumRepository::album).toList();
    }

    @Override
    public Optional<Album> update(String albumId, String ownerId, String title, String description) {
        long updated = db.execute().dml("UPDATE albums SET title = ?, description = ? "
                                                + "WHERE album_id = ?::uuid AND owner_id = ?::uuid",
                                        title, description, albumId, ownerId);
        return updated == 1 ? find(albumId, ownerId) : Optional.empty();
    }

    @Override
    public boolean delete(String albumId, String ownerId) {
        return db.execute().dml("DELETE FROM albums WHERE album_id = ?::uuid AND owner_id = ?::uuid",
                                albumId, ownerId) == 1;
    }

    @Override
    public Added addImage(String albumId, String ownerId, String imageId) {
        return Transactions.inTransaction(db, tx -> {
            if (!lockAlbum(tx, albumId, ownerId, "FOR SHARE")) {
                return Added.NO_ALBUM;
            }
            // FOR SHARE holds off the consumer's delete of this card until the row is in: the delete then takes
            // it out of the album again. Had the delete come first, the card reads as deleted here.
            if (tx.get("SELECT 1 FROM cards WHERE image_id = ?::uuid AND owner_id = ?::uuid AND NOT deleted FOR SHARE",
                       imageId, ownerId).isEmpty()) {
                return Added.NO_IMAGE;
            }
            return tx.dml("INSERT INTO album_images (album_id, image_id) VALUES (?::uuid, ?::uuid) "
                                  + "ON CONFLICT DO NOTHING", albumId, imageId) == 1 ? Added.ADDED : Added.ALREADY_THERE;
        });
    }

    @Override
    public boolean removeImage(String albumId, String ownerId, String imageId) {
        return db.execute().dml("DELETE FROM album_images i USING albums a WHERE i.album_id = a.album_id "
                                        + "AND a.album_id = ?::uuid AND a.owner_id = ?::uuid AND i.image_id = ?::uuid",
                                albumId, ownerId, imageId) == 1;
    }

    @Override
    public List<Card> images(String albumId, Optional<Keyset.Position> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(albumId));
        return db.execute().query("SELECT " + CardRepository.COLUMNS + " FROM album_images JOIN cards USING (image_id) "
                                  + "WHERE album_id = ?::uuid AND NOT deleted"
                                  + Keyset.pageSql("image_id", after, limit, parameters), parameters.toArray())
                .map(CardRepository::card).toList();
    }

    @Override
    public boolean createLink(String albumId, String ownerId, ShareLink link, byte[] tokenHash, Instant now,
                              int max) {
        return Transactions.inTransaction(db, tx -> {
            // The album's row lock counts its links one creation at a time.
            if (!lockAlbum(tx, albumId, ownerId, "FOR UPDATE")) {
                return false;
            }
            tx.dml("DELETE FROM share_links WHERE album_id = ?::uuid AND expires_at <= ?", albumId,
                   Timestamp.from(now));
            long live = tx.get("SELECT count(*) AS n FROM share_links WHERE album_id = ?::uuid", albumId)
                    .orElseThrow().column("n").get(Long.class);
            if (live >= max) {
                return false;
            }
            tx.dml("INSERT INTO share_links (link_id, album_id, token_hash, created_at, expires_at) "
                           + "VALUES (?::uuid, ?::uuid, ?, ?, ?)",
                   link.linkId(), albumId, tokenHash, Timestamp.from(link.createdAt()),
                   link.expiresAt().map(Timestamp::from).orElse(null));
            return true;
        });
    }

    @Override
    public List<ShareLink> links(String albumId, String ownerId, Instant now) {
        return db.execute().query("SELECT l.link_id, l.album_id, l.created_at, l.expires_at FROM share_links l "
                                          + "JOIN albums a USING (album_id) WHERE l.album_id = ?::uuid "
                                          + "AND a.owner_id = ?::uuid AND (l.expires_at IS NULL OR l.expires_at > ?) "
                                          + "ORDER BY l.created_at DESC, l.link_id DESC",
                                  albumId, ownerId, Timestamp.from(now))
                .map(row -> new ShareLink(row.column("link_id").get(UUID.class).toString(),
                                          row.column("album_id").get(UUID.class).toString(),
                                          row.column("created_at").get(Timestamp.class).toInstant(),
                                          Optional.ofNullable(row.column("expires_at").get(Timestamp.class))
                                                  .map(Timestamp::toInstant)))
                .toList();
    }

    @Override
    public boolean revokeLink(String albumId, String ownerId, String linkId) {
        return db.execute().dml("DELETE FROM share_links l USING albums a WHERE l.album_id = a.album_id "
                                        + "AND l.link_id = ?::uuid AND a.album_id = ?::uuid AND a.owner_id = ?::uuid",
                                linkId, albumId, ownerId) == 1;
    }

    @Override
    public Optional<Album> shared(byte[] tokenHash, Instant now) {
        return db.execute().get(ALBUM + "JOIN share_links l USING (album_id) WHERE l.token_hash = ? "
                                + "AND (l.expires_at IS NULL OR l.expires_at > ?)", tokenHash, Timestamp.from(now))
                .map(AlbumRepository::album);
    }

    /** Locks the owner's album in {@code mode}: false when the owner has no such album. */
    private static boolean lockAlbum(DbTransaction tx, String albumId, String ownerId, String mode) {
        return tx.get("SELECT 1 FROM albums WHERE album_id = ?::uuid AND owner_id = ?::uuid " + mode, albumId, ownerId)
                .isPresent();
    }

    /** Serializes one owner's album creations, so that the limit holds under concurrent requests. */
    private static void lockOwner(DbTransaction tx, String ownerId) {
        tx.get("SELECT pg_advisory_xact_lock(hashtext('cloud-gallery albums ' || ?))", ownerId);
    }

    private static Album album(DbRow row) {
        return new Album(row.column("album_id").get(UUID.class).toString(),
                         row.column("owner_id").get(UUID.class).toString(),
                         row.column("title").getString(),
                         row.column("description").getString(),
                         row.column("created_at").get(Timestamp.class).toInstant(),
                         row.column("image_count").get(Long.class),
                         Optional.ofNullable(row.column("cover").getString()));
    }
}
