package dev.cloudgallery.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.cloudgallery.platform.db.DatabaseCredentials;
import dev.cloudgallery.platform.db.Schemas;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's packaged binaries) standing in for Aurora PostgreSQL. Services get their
 * schema and role from it exactly as at deploy time ({@link Schemas#provision}, then Flyway as the role), so tests
 * exercise the same isolation production relies on.
 * <p>
 * It can be stopped and started again on the same port and data, which is how tests take the database away from a
 * running service.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** The database every service's schema lives in, like the single Aurora database in production. */
    public static final String DATABASE = "gallery";

    private final Path dataDirectory;
    private final int port;
    private final Map<String, DatabaseCredentials> roles = new ConcurrentHashMap<>();
    private EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 for any free port) with its data in {@code dataDirectory}; existing data
     * is kept, so the local stack survives restarts.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        EmbeddedDatabase database = new EmbeddedDatabase(dataDirectory, port == 0 ? Ports.free() : port);
        database.start();
        database.ensureDatabase(DATABASE);
        return database;
    }

    /** Starts the server again after {@link #stop()}, on the same port and data. */
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** Stops the server; clients see a database outage until {@link #start()}. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    /** A further, empty database on the same server (created once), for runs that must start from nothing. */
    public String createDatabase(String name) {
        ensureDatabase(name);
        return jdbcUrl(name);
    }

    private synchronized void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + name, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A superuser connection to the gallery database, for provisioning and for assertions on stored rows. */
    public synchronized DataSource adminDataSource() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return postgres.getDatabase("postgres", DATABASE);
    }

    /**
     * Creates (once) the service's role and schema, then migrates it as that role with the migrations on this
     * class path, as a deployment does. Returns the role's credentials, with a new random password each run.
     */
    public DatabaseCredentials provision(String schema) {
        DatabaseCredentials role = provisionRole(schema);
        try (var asRole = role.migrationPool(jdbcUrl())) {
            Schemas.migrate(asRole, schema);
        }
        return role;
    }

    /** Creates (once) the service's role and schema, leaving migration to the service's own class path. */
    public DatabaseCredentials provisionRole(String schema) {
        return roles.computeIfAbsent(schema, name -> {
            DatabaseCredentials role = new DatabaseCredentials(name + "_service", randomPassword());
            try {
                Schemas.provision(adminDataSource(), name, role);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not provision schema " + name, e);
            }
            return role;
        });
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        stop();
    }
}
