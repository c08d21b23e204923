package dev.cloudgallery.platform.db;

import java.sql.SQLException;
import java.time.Duration;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A service's connection to its own schema: a Hikari pool logged in as the service's own database role, exposed
 * as a Helidon {@link DbClient} for repositories and as a {@link javax.sql.DataSource} for Flyway.
 * <p>
 * Timeouts are short on purpose: when the database is down a request should fail fast with a 503 rather than hang
 * until API Gateway gives up, and the pool reconnects by itself once the database is back.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DbClient client;
    private final String schema;

    private Database(HikariDataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.client = JdbcClientBuilder.create()
                .connectionPool(() -> {
                    try {
                        return dataSource.getConnection();
                    } catch (SQLException e) {
                        throw new DbClientException("No database connection available", e);
                    }
                })
                .build();
    }

    /**
     * Opens the pool from the {@code db} config node: {@code url}, {@code schema}, the role's credentials
     * ({@link DatabaseCredentials}) and optional pool settings. No connection is made here (see
     * {@link #connectInBackground}), so a service starts even while its database is down and reports that through its
     * health route.
     */
    public static Database create(Config db) {
        String schema = db.get("schema").asString().get();
        DatabaseCredentials credentials = DatabaseCredentials.from(db);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName(schema);
        pool.setJdbcUrl(db.get("url").asString().get());
        pool.setUsername(credentials.username());
        pool.setPassword(credentials.password());
        pool.setSchema(schema);
        pool.setMaximumPoolSize(db.get("pool.max-size").asInt().orElse(4));
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(db.get("pool.connection-timeout").as(Duration.class)
                                          .orElse(Duration.ofSeconds(2)).toMillis());
        pool.setValidationTimeout(1000);
        // Don't fail start-up when the database is unreachable; health and requests report it instead.
        pool.setInitializationFailTimeout(-1);
        pool.addDataSourceProperty("connectTimeout", "2");
        pool.addDataSourceProperty("socketTimeout", "30");
        pool.addDataSourceProperty("ApplicationName", schema + "-service");
        return new Database(new HikariDataSource(pool), schema);
    }

    /**
     * Opens the pool's first connection on a thread of its own, beside the rest of a service's start-up, so that the
     * first request finds it ready instead of waiting for the login. A database that is down is noticed by the
     * requests, as ever: they answer 503 and the pool tries again for them.
     */
    public void connectInBackground() {
        Thread.ofPlatform().name(schema + "-first-connection").daemon().start(() -> {
            try (var connection = dataSource.getConnection()) {
                // Back to the pool, where the first request finds it.
            } catch (SQLException e) {
                // See above: the requests report it.
            }
        });
    }

    public DbClient client() {
        return client;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public String schema() {
        return schema;
    }

    /** Whether a connection can be had and answers a trivial query, within the pool's timeouts. */
    public boolean isReachable() {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
