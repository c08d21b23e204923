package dev.cloudgallery.testing;

import dev.cloudgallery.platform.db.DatabaseCredentials;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Small pools for fixtures that connect as a given role. */
public final class Datasources {
    private Datasources() {
    }

    public static HikariDataSource hikari(String jdbcUrl, DatabaseCredentials credentials) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(credentials.username());
        config.setPassword(credentials.password());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }
}
