package dev.cloudgallery.users.db;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import dev.cloudgallery.users.domain.Profile;
import dev.cloudgallery.users.domain.Profiles;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** Profiles in the {@code users} schema. */
public final class ProfileRepository implements Profiles {
    private static final String COLUMNS = "user_id, email, display_name, bio, created_at";

    private final DbClient db;

    // Helidon's JDBC client binds a UUID as text, so the SQL casts ids (?::uuid).

    public ProfileRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public void createIfAbsent(String userId, String email, String displayName) {
        db.execute().dml("INSERT INTO profiles (user_id, email, display_name) VALUES (?::uuid, ?, ?) "
                                 + "ON CONFLICT (user_id) DO NOTHING",
                         UUID.fromString(userId).toString(), email, displayName);
    }

    @Override
    public Optional<Profile> find(String userId) {
        return uuid(userId).flatMap(id -> db.execute()
                .get("SELECT " + COLUMNS + " FROM profiles WHERE user_id = ?::uuid", id.toString())
                .map(ProfileRepository::profile));
    }

    @Override
    public Optional<Profile> update(String userId, String displayName, String bio) {
        return uuid(userId).flatMap(id -> db.execute()
                .get("UPDATE profiles SET display_name = COALESCE(?, display_name), bio = COALESCE(?, bio), "
                             + "updated_at = now() WHERE user_id = ?::uuid RETURNING " + COLUMNS,
                     displayName, bio, id.toString())
                .map(ProfileRepository::profile));
    }

    /** Ids come from URLs too; a string that is no UUID names no profile. */
    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Profile profile(DbRow row) {
        return new Profile(row.column("user_id").get(UUID.class).toString(),
                           row.column("email").getString(),
                           row.column("display_name").getString(),
                           row.column("bio").getString(),
                           row.column("created_at").get(Timestamp.class).toInstant());
    }
}
