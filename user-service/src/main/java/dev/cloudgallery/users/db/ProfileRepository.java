package dev.cloudgallery.users.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.cloudgallery.platform.db.Transactions;
import dev.cloudgallery.platform.events.Outbox;
import dev.cloudgallery.platform.events.OutboxEvent;
import dev.cloudgallery.platform.ids.Ids;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.users.domain.Profile;
import dev.cloudgallery.users.domain.Profiles;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** Profiles in the {@code users} schema; each change stores its {@code profile.updated} event with it. */
public final class ProfileRepository implements Profiles {
    private static final String COLUMNS = "user_id, email, display_name, bio, created_at, version";

    private final DbClient db;

    // Helidon's JDBC client binds a UUID as text, so the SQL casts ids (?::uuid).

    public ProfileRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public void createIfAbsent(String userId, String email, String displayName) {
        Transactions.inTransaction(db, tx -> {
            tx.get("INSERT INTO profiles (user_id, email, display_name) VALUES (?::uuid, ?, ?) "
                           + "ON CONFLICT (user_id) DO NOTHING RETURNING " + COLUMNS,
                   UUID.fromString(userId).toString(), email, displayName)
                    .ifPresent(row -> Outbox.append(tx, Outbox.GALLERY_EVENTS, updated(row)));
            return null;
        });
    }

    @Override
    public Optional<Profile> find(String userId) {
        return Ids.parse(userId).flatMap(id -> db.execute()
                .get("SELECT " + COLUMNS + " FROM profiles WHERE user_id = ?::uuid", id)
                .map(ProfileRepository::profile));
    }

    @Override
    public Optional<Profile> update(String userId, String displayName, String bio) {
        return Ids.parse(userId).flatMap(id -> Transactions.inTransaction(db, tx -> {
            Optional<DbRow> row = tx.get("UPDATE profiles SET display_name = COALESCE(?, display_name), "
                                                 + "bio = COALESCE(?, bio), version = version + 1, updated_at = now() "
                                                 + "WHERE user_id = ?::uuid RETURNING " + COLUMNS,
                                         displayName, bio, id);
            row.ifPresent(updated -> Outbox.append(tx, Outbox.GALLERY_EVENTS, updated(updated)));
            return row.map(ProfileRepository::profile);
        }));
    }

    /** What other services may know of a profile: its public name, never the email. */
    private static OutboxEvent updated(DbRow row) {
        String userId = row.column("user_id").get(UUID.class).toString();
        return new OutboxEvent("profile.updated", userId, row.column("version").get(Long.class),
                               Json.createObjectBuilder().add("userId", userId)
                                       .add("displayName", row.column("display_name").getString()).build(),
                               Instant.now());
    }

    private static Profile profile(DbRow row) {
        return new Profile(row.column("user_id").get(UUID.class).toString(),
                           row.column("email").getString(),
                           row.column("display_name").getString(),
                           row.column("bio").getString(),
                           row.column("created_at").get(Timestamp.class).toInstant());
    }
}
