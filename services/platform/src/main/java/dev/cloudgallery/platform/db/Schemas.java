package dev.cloudgallery.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Creates a service's schema and database role, and migrates the schema as that role.
 * <p>
 * Each service owns exactly one schema through its own login role; the role gets no grant on any other schema, so
 * a service cannot read another's data even by mistake. Provisioning needs an administrative connection and runs at
 * deploy time (or in the local stack), never from a running service. Migrations run as the service's role, so every
 * table it creates belongs to that role.
 */
public final class Schemas {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Schemas() {
    }

    /**
     * Creates or updates the role and its schema; safe to run on every deploy, and for several services at once:
     * their statements change shared catalog rows (the public schema's privileges), which PostgreSQL refuses to
     * update from two transactions at a time ("tuple concurrently updated"), so provisioning takes a lock and runs
     * as one transaction.
     */
    public static void provision(DataSource admin, String schema, DatabaseCredentials role) throws SQLException {
        String name = identifier(schema);
        String roleName = identifier(role.username());
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(hashtext('cloud-gallery provisioning'))");
            String password = role.password().replace("'", "''");
            statement.execute("""
                    DO $$
                    BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN PASSWORD '%2$s';
                      ELSE
                        ALTER ROLE %1$s LOGIN PASSWORD '%2$s';
                      END IF;
                    END
                    $$""".formatted(roleName, password));
            statement.execute("CREATE SCHEMA IF NOT EXISTS %s AUTHORIZATION %s".formatted(name, roleName));
            statement.execute("ALTER SCHEMA %s OWNER TO %s".formatted(name, roleName));
            statement.execute("ALTER ROLE %s SET search_path = %s".formatted(roleName, name));
            // PostgreSQL 15+ already denies CREATE on public to ordinary roles; older servers (and Aurora
            // upgraded from them) grant it to everyone through PUBLIC, so take it back from both.
            statement.execute("REVOKE ALL ON SCHEMA public FROM %s".formatted(roleName));
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            connection.commit();
        }
    }

    /**
     * Applies {@code classpath:db/migration/<schema>} to the schema, then the platform's own tables
     * ({@code classpath:db/platform}: the event outbox and the consumer's record of events), connected as the
     * service's own role. The platform's migrations keep their own history table, so their versions never clash
     * with the service's; they run second and baseline at 0, because Flyway refuses a schema that has tables but
     * no history table of its own.
     */
    public static int migrate(DataSource asServiceRole, String schema) {
        int service = flyway(asServiceRole, schema, "classpath:db/migration/" + schema)
                .load().migrate().migrationsExecuted;
        int platform = flyway(asServiceRole, schema, "classpath:db/platform")
                .table("platform_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load().migrate().migrationsExecuted;
        return service + platform;
    }

    private static FluentConfiguration flyway(DataSource asServiceRole, String schema, String location) {
        return Flyway.configure()
                .dataSource(asServiceRole)
                .schemas(identifier(schema))
                .createSchemas(false)
                .locations(location);
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
        return name;
    }
}
