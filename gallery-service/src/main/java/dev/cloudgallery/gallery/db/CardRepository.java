package dev.cloudgallery.gallery.db;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.cloudgallery.gallery.domain.Card;
import dev.cloudgallery.gallery.domain.CardStore;
import dev.cloudgallery.gallery.domain.ImageEvent;
import dev.cloudgallery.gallery.domain.ProfileEvent;
import dev.cloudgallery.platform.db.Transactions;
import dev.cloudgallery.platform.events.ProcessedEvents;
import dev.cloudgallery.platform.paging.Keyset;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * Cards in the {@code gallery} schema. Visibility is decided in SQL, by the partial indexes' own conditions, never
 * by filtering in Java. Helidon's JDBC client binds a UUID as text, so the SQL casts ids.
 */
public final class CardRepository implements CardStore {
    static final String COLUMNS = "image_id, owner_id, owner_display_name, title, description, visibility, "
            + "width, height, created_at, thumbnail_key, medium_key";

    private final DbClient db;

    public CardRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public boolean apply(ImageEvent event) {
        return Transactions.inTransaction(db, tx -> {
            if (!ProcessedEvents.firstDelivery(tx, event.eventId())) {
                return false;
            }
            if (event.isDeletion()) {
                // A tombstone: inserted even for an image never seen, so its older events, arriving late, stay out.
                boolean applied = tx.dml("INSERT INTO cards (image_id, owner_id, version, deleted, created_at) "
                                      + "VALUES (?::uuid, ?::uuid, ?, true, now()) "
                                      + "ON CONFLICT (image_id) DO UPDATE SET version = EXCLUDED.version, deleted = true, "
                                      + "title = '', description = '', thumbnail_key = NULL, medium_key = NULL "
                                      + "WHERE cards.version < EXCLUDED.version",
                              event.imageId(), event.ownerId(), event.version()) == 1;
                if (applied) {
                    tx.dml("DELETE FROM album_images WHERE image_id = ?::uuid", event.imageId());
                }
                return applied;
            }
            Card card = event.card().orElseThrow();
            // The owner's row, locked until commit: a rename waits for this card to be in, or this card for the
            // rename to be done, so the card never keeps an old name.
            String ownerName = tx.get("INSERT INTO owners (owner_id, version, display_name) VALUES (?::uuid, 0, '') "
                                              + "ON CONFLICT (owner_id) DO UPDATE SET version = owners.version "
                                              + "RETURNING display_name", event.ownerId())
                    .orElseThrow().column("display_name").getString();
            return tx.dml("INSERT INTO cards (image_id, owner_id, version, owner_display_name, title, description, "
                                  + "visibility, width, height, created_at, thumbnail_key, medium_key) "
                                  + "VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                  + "ON CONFLICT (image_id) DO UPDATE SET version = EXCLUDED.version, "
                                  + "owner_display_name = EXCLUDED.owner_display_name, "
                                  + "title = EXCLUDED.title, description = EXCLUDED.description, "
                                  + "visibility = EXCLUDED.visibility, width = EXCLUDED.width, height = EXCLUDED.height, "
                                  + "thumbnail_key = EXCLUDED.thumbnail_key, medium_key = EXCLUDED.medium_key "
                                  + "WHERE cards.version < EXCLUDED.version AND NOT cards.deleted",
                          event.imageId(), event.ownerId(), event.version(), ownerName, card.title(),
                          card.description(),
                          card.isPublic() ? "public" : "private", card.width(), card.height(),
                          Timestamp.from(card.createdAt()), card.thumbnailKey(), card.mediumKey()) == 1;
        });
    }

    @Override
    public boolean apply(ProfileEvent event) {
        return Transactions.inTransaction(db, tx -> {
            if (!ProcessedEvents.firstDelivery(tx, event.eventId())) {
                return false;
            }
            boolean newer = tx.dml("INSERT INTO owners (owner_id, version, display_name) VALUES (?::uuid, ?, ?) "
                                           + "ON CONFLICT (owner_id) DO UPDATE SET version = EXCLUDED.version, "
                                           + "display_name = EXCLUDED.display_name WHERE owners.version < EXCLUDED.version",
                                   event.ownerId(), event.version(), event.displayName()) == 1;
            if (newer) {
                tx.dml("UPDATE cards SET owner_display_name = ? WHERE owner_id = ?::uuid AND NOT deleted "
                               + "AND owner_display_name <> ?", event.displayName(), event.ownerId(),
                       event.displayName());
            }
            return newer;
        });
    }

    @Override
    public List<Card> publicCards(Optional<Keyset.Position> after, int limit) {
        return page("visibility = 'public'", List.of(), after, limit);
    }

    @Override
    public List<Hit> search(String query, Optional<String> caller, Optional<SearchPosition> after, int limit,
                            int cap) {
        List<Object> parameters = new ArrayList<>(List.of(query));
        caller.ifPresent(parameters::add);
        StringBuilder sql = new StringBuilder(
                "WITH matches AS (SELECT " + COLUMNS + ", ts_rank(search, q) AS rank "
                + "FROM cards, websearch_to_tsquery('english', ?) q WHERE NOT deleted AND search @@ q AND "
                + (caller.isPresent() ? "(visibility = 'public' OR owner_id = ?::uuid)" : "visibility = 'public'")
                // The cap: only the newest matches are ranked, whatever a common word matches.
                + " ORDER BY created_at DESC, image_id DESC LIMIT ?) SELECT * FROM matches");
        parameters.add(cap);
        after.ifPresent(position -> {
            sql.append(" WHERE (rank, created_at, image_id) < (?::real, ?, ?::uuid)");
            parameters.add(position.rank());
            parameters.add(Timestamp.from(position.createdAt()));
            parameters.add(position.imageId());
        });
        sql.append(" ORDER BY rank DESC, created_at DESC, image_id DESC LIMIT ?");
        parameters.add(limit);
        return db.execute().query(sql.toString(), parameters.toArray())
                .map(row -> new Hit(card(row), row.column("rank").get(Float.class))).toList();
    }

    @Override
    public List<Card> ownerCards(String ownerId, boolean everyVisibility, Optional<Keyset.Position> after,
                                 int limit) {
        return page(everyVisibility ? "owner_id = ?::uuid" : "owner_id = ?::uuid AND visibility = 'public'",
                    List.of(ownerId), after, limit);
    }

    private List<Card> page(String condition, List<Object> conditionParameters, Optional<Keyset.Position> after,
                            int limit) {
        List<Object> parameters = new ArrayList<>(conditionParameters);
        String sql = "SELECT " + COLUMNS + " FROM cards WHERE NOT deleted AND " + condition
                     + Keyset.pageSql("image_id", after, limit, parameters);
        return db.execute().query(sql, parameters.toArray()).map(CardRepository::card).toList();
    }

    static Card card(DbRow row) {
        return new Card(row.column("image_id").get(UUID.class).toString(),
                        row.column("owner_id").get(UUID.class).toString(),
                        row.column("owner_display_name").getString(),
                        row.column("title").getString(),
                        row.column("description").getString(),
                        row.column("width").get(Integer.class),
                        row.column("height").get(Integer.class),
                        row.column("created_at").get(Timestamp.class).toInstant(),
                        row.column("visibility").getString().equals("public"),
                        row.column("thumbnail_key").getString(),
                        row.column("medium_key").getString());
    }
}
