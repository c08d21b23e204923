package dev.cloudgallery.images.db;

import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.cloudgallery.images.domain.Image;
import dev.cloudgallery.images.domain.ImageStore;
import dev.cloudgallery.images.domain.Limits;
import dev.cloudgallery.images.processing.ImageProcessor;
import dev.cloudgallery.platform.db.Transactions;
import dev.cloudgallery.platform.events.Outbox;
import dev.cloudgallery.platform.events.OutboxEvent;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.paging.Keyset;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Images in the {@code images} schema. Helidon's JDBC client binds a UUID as text, so the SQL casts ids. */
public final class ImageRepository implements ImageStore {
    private static final String COLUMNS = "image_id, owner_id, status, reject_reason, filename, content_type, "
            + "declared_size, size, width, height, sha256, title, description, visibility, version, created_at";
    // Pending uploads count with the size they were granted, processed ones with the size they have.
    private static final String USAGE = "SELECT count(*) AS images, coalesce(sum(coalesce(size, declared_size)), 0) "
            + "AS bytes FROM images WHERE owner_id = ?::uuid AND status <> 'REJECTED'";

    /** What a READY image's events need beyond the image itself. */
    private static final String CARD = COLUMNS + ", renditions::text AS renditions_json";

    private final DbClient db;

    public ImageRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public Insert insertWithinQuota(Image image, Limits limits) {
        return Transactions.inTransaction(db, tx -> {
            // One grant at a time per owner: the checks and the insert see the same rows.
            tx.get("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", image.ownerId());
            return image.sha256()
                    .flatMap(sha256 -> findBySha256(tx, image.ownerId(), sha256))
                    .<Insert>map(Insert.Duplicate::new)
                    .orElseGet(() -> insertWithinLimits(tx, image, limits));
        });
    }

    private static Insert insertWithinLimits(DbTransaction tx, Image image, Limits limits) {
        Usage usage = usage(tx, image.ownerId());
        if (usage.images() + 1 > limits.maxImages() || usage.bytes() + image.declaredSize() > limits.maxBytes()) {
            return new Insert.OverQuota(usage);
        }
        tx.dml("INSERT INTO images (image_id, owner_id, status, filename, content_type, declared_size, sha256, title, "
                       + "description, visibility, created_at) VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               image.imageId(), image.ownerId(), image.status().name(), image.filename(), image.contentType(),
               image.declaredSize(), image.sha256().orElse(null), image.title(), image.description(),
               image.visibility().name().toLowerCase(Locale.ROOT), Timestamp.from(image.createdAt()));
        return new Insert.Stored();
    }

    @Override
    public Usage usage(String ownerId) {
        return usage(db.execute(), ownerId);
    }

    private static Usage usage(DbExecute execute, String ownerId) {
        DbRow row = execute.get(USAGE, ownerId).orElseThrow();
        return new Usage(row.column("images").get(Long.class), row.column("bytes").get(Number.class).longValue());
    }

    @Override
    public Optional<Image> markProcessing(String imageId) {
        return db.execute().get("UPDATE images SET status = 'PROCESSING', version = version + 1, updated_at = now() "
                                        + "WHERE image_id = ?::uuid AND status = 'PENDING' RETURNING " + COLUMNS,
                                imageId)
                .map(ImageRepository::image);
    }

    @Override
    public boolean markReady(String imageId, long size, String checksum, ImageProcessor.Outcome.Processed processed) {
        JsonObjectBuilder renditions = Json.createObjectBuilder();
        processed.renditions().forEach(r -> renditions.add(r.name(), Json.createObjectBuilder()
                .add("contentType", r.contentType()).add("bytes", r.bytes().length)
                .add("width", r.width()).add("height", r.height())));
        return Transactions.inTransaction(db, tx -> tx.get(
                        "UPDATE images SET status = 'READY', size = ?, checksum = ?, width = ?, height = ?, "
                                + "renditions = ?::jsonb, version = version + 1, updated_at = now() "
                                + "WHERE image_id = ?::uuid AND status IN ('PENDING', 'PROCESSING') RETURNING " + CARD,
                        size, checksum, processed.width(), processed.height(), renditions.build().toString(), imageId)
                .map(row -> {
                    Outbox.append(tx, Outbox.GALLERY_EVENTS, event("image.ready", row));
                    return true;
                })
                .orElse(false));
    }

    @Override
    public boolean markRejected(String imageId, String reason) {
        return db.execute().dml("UPDATE images SET status = 'REJECTED', reject_reason = ?, version = version + 1, "
                                        + "updated_at = now() WHERE image_id = ?::uuid "
                                        + "AND status IN ('PENDING', 'PROCESSING')", reason, imageId) == 1;
    }

    @Override
    public Optional<Image> find(String imageId) {
        return db.execute().get("SELECT " + COLUMNS + " FROM images WHERE image_id = ?::uuid", imageId)
                .map(ImageRepository::image);
    }

    @Override
    public Optional<Image> update(String imageId, String title, String description, Image.Visibility visibility) {
        return Transactions.inTransaction(db, tx -> {
            Optional<String> before = tx.get("SELECT visibility FROM images WHERE image_id = ?::uuid FOR UPDATE",
                                             imageId).map(row -> row.column("visibility").getString());
            Optional<DbRow> updated = tx.get("UPDATE images SET title = ?, description = ?, visibility = ?, "
                                                     + "version = version + 1, updated_at = now() "
                                                     + "WHERE image_id = ?::uuid RETURNING " + CARD,
                                             title, description, visibility.name().toLowerCase(Locale.ROOT), imageId);
            updated.filter(row -> row.column("status").getString().equals(Image.Status.READY.name()))
                    .ifPresent(row -> Outbox.append(tx, Outbox.GALLERY_EVENTS, event(
                            before.filter(row.column("visibility").getString()::equals).isPresent()
                                    ? "image.updated" : "image.visibility_changed", row)));
            return updated.map(ImageRepository::image);
        });
    }

    @Override
    public void delete(String imageId) {
        Transactions.inTransaction(db, tx -> {
            // A tombstone one version past the last: the gallery drops the card, and ignores any older event.
            tx.get("DELETE FROM images WHERE image_id = ?::uuid RETURNING image_id, owner_id, status, version + 1 "
                           + "AS version", imageId)
                    .filter(row -> row.column("status").getString().equals(Image.Status.READY.name()))
                    .ifPresent(row -> Outbox.append(tx, Outbox.GALLERY_EVENTS, new OutboxEvent(
                            "image.deleted", row.column("image_id").get(UUID.class).toString(),
                            row.column("version").get(Long.class),
                            Json.createObjectBuilder()
                                    .add("imageId", row.column("image_id").get(UUID.class).toString())
                                    .add("ownerId", row.column("owner_id").get(UUID.class).toString())
                                    .build(),
                            Instant.now())));
            return null;
        });
    }

    /**
     * An event for the gallery about a READY image, carrying its card: what a feed, a search result or an album
     * shows, and where each rendition is kept.
     */
    private static OutboxEvent event(String type, DbRow row) {
        Image image = image(row);
        JsonObjectBuilder renditions = Json.createObjectBuilder();
        JsonObject stored = Json.createReader(new StringReader(row.column("renditions_json").getString()))
                .readObject();
        stored.forEach((name, value) -> renditions.add(name, Json.createObjectBuilder((JsonObject) value)
                .add("key", image.renditionKey(name))));
        JsonObject card = Json.createObjectBuilder()
                .add("imageId", image.imageId())
                .add("ownerId", image.ownerId())
                .add("title", image.title())
                .add("description", image.description())
                .add("visibility", image.visibility().name().toLowerCase(Locale.ROOT))
                .add("contentType", image.contentType())
                .add("width", image.width().orElseThrow())
                .add("height", image.height().orElseThrow())
                .add("createdAt", image.createdAt().toString())
                .add("renditions", renditions)
                .build();
        return new OutboxEvent(type, image.imageId(), image.version(), card, Instant.now());
    }

    @Override
    public void touch(String imageId) {
        db.execute().dml("UPDATE images SET updated_at = now() WHERE image_id = ?::uuid AND status = 'PENDING'",
                         imageId);
    }

    @Override
    public List<Image> pendingBefore(Instant before, int limit) {
        // A PENDING image's updated_at is when its upload was last granted.
        return db.execute().query("SELECT " + COLUMNS + " FROM images WHERE status = 'PENDING' AND updated_at < ? "
                                          + "ORDER BY updated_at LIMIT ?", Timestamp.from(before), limit)
                .map(ImageRepository::image).toList();
    }

    @Override
    public boolean deletePending(String imageId) {
        return db.execute().dml("DELETE FROM images WHERE image_id = ?::uuid AND status = 'PENDING'", imageId) == 1;
    }

    /** The owner's image with this content, unless it was rejected. */
    private static Optional<Image> findBySha256(DbExecute execute, String ownerId, String sha256) {
        return execute.get("SELECT " + COLUMNS + " FROM images WHERE owner_id = ?::uuid AND sha256 = ? "
                                   + "AND status <> 'REJECTED'", ownerId, sha256)
                .map(ImageRepository::image);
    }

    @Override
    public List<Image> list(String ownerId, Optional<Image.Status> status, Optional<Keyset.Position> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(ownerId));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM images WHERE owner_id = ?::uuid");
        status.ifPresent(s -> {
            sql.append(" AND status = ?");
            parameters.add(s.name());
        });
        // On the owner index: page 1000 costs what page 1 costs.
        sql.append(Keyset.pageSql("image_id", after, limit, parameters));
        return db.execute().query(sql.toString(), parameters.toArray()).map(ImageRepository::image).toList();
    }

    private static Image image(DbRow row) {
        return new Image(row.column("image_id").get(UUID.class).toString(),
                         row.column("owner_id").get(UUID.class).toString(),
                         Image.Status.valueOf(row.column("status").getString()),
                         Optional.ofNullable(row.column("reject_reason").get(String.class)),
                         row.column("filename").getString(),
                         row.column("content_type").getString(),
                         row.column("declared_size").get(Long.class),
                         Optional.ofNullable(row.column("size").get(Long.class)),
                         Optional.ofNullable(row.column("width").get(Integer.class)),
                         Optional.ofNullable(row.column("height").get(Integer.class)),
                         Optional.ofNullable(row.column("sha256").get(String.class)),
                         row.column("title").getString(),
                         row.column("description").getString(),
                         Image.Visibility.valueOf(row.column("visibility").getString().toUpperCase(Locale.ROOT)),
                         row.column("version").get(Long.class),
                         row.column("created_at").get(Timestamp.class).toInstant());
    }
}
