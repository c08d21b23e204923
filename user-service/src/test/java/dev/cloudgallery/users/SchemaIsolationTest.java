package dev.cloudgallery.users;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.platform.db.DatabaseCredentials;
import dev.cloudgallery.platform.db.Schemas;
import dev.cloudgallery.testing.TestStack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * user-service's database role is confined to its own schema. Each refusal is paired with the same statement
 * succeeding for the role that is entitled to it, so a refusal can't come from a typo or a missing table.
 */
class SchemaIsolationTest {
    /** PostgreSQL's SQLSTATE for "insufficient privilege". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String SECRET = "only the image service may read this";

    private static String url;
    private static DatabaseCredentials users;
    private static DatabaseCredentials images;

    @BeforeAll
    static void provisionTwoServicesWithATableEach() throws SQLException {
        LocalAws stack = TestStack.shared();
        Map<String, String> environment = stack.serviceEnvironment("users");
        url = environment.get("DB_URL");
        users = new DatabaseCredentials(environment.get("DB_USERNAME"), environment.get("DB_PASSWORD"));
        // No images migrations exist on this class path: provisioning gives the schema and its role only.
        images = stack.database().provision("images");

        try (Connection admin = stack.database().adminDataSource().getConnection();
                Statement statement = admin.createStatement()) {
            // Created as the images role, as its migrations would: the table belongs to that role.
            statement.execute("SET ROLE " + images.username());
            statement.execute("CREATE TABLE IF NOT EXISTS images.probe (id int PRIMARY KEY, secret text NOT NULL)");
            statement.execute("INSERT INTO images.probe VALUES (1, '" + SECRET + "') ON CONFLICT DO NOTHING");
            statement.execute("RESET ROLE");
        }
    }

    @Test
    void usersRoleCannotReadTheImagesSchema() throws SQLException {
        assertRefused(users, "SELECT secret FROM images.probe");
        assertEquals(SECRET, queryString(images, "SELECT secret FROM images.probe WHERE id = 1"));
    }

    @Test
    void usersRoleCannotWriteTheImagesSchema() throws SQLException {
        assertRefused(users, "INSERT INTO images.probe VALUES (2, 'planted')");
        assertRefused(users, "CREATE TABLE images.intruder (id int)");
        assertSucceedsAndRollsBack(images, "CREATE TABLE images.intruder (id int)");
    }

    @Test
    void usersRoleCannotCreateTablesInPublic() throws SQLException {
        assertRefused(users, "CREATE TABLE public.intruder (id int)");
        // The role can create tables at all: just not outside its own schema.
        assertSucceedsAndRollsBack(users, "CREATE TABLE users.isolation_probe (id int)");
    }

    /**
     * Servers before PostgreSQL 15 (and Aurora clusters upgraded from them) let every role create objects in
     * {@code public}. Provisioning says it takes that right away; simulate such a server and hold it to that.
     */
    @Test
    void usersRoleCannotCreateInPublicEvenWhereTheServerGrantsItToEveryone() throws SQLException {
        DataSource admin = TestStack.shared().database().adminDataSource();
        execute(admin, "GRANT CREATE ON SCHEMA public TO PUBLIC");
        try {
            // What every deploy runs, on the old server's defaults.
            Schemas.provision(admin, "users", users);
            assertRefused(users, "CREATE TABLE public.intruder (id int)");
        } finally {
            execute(admin, "DROP TABLE IF EXISTS public.intruder");
            execute(admin, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
    }

    @Test
    void usersRoleCannotBecomeTheImagesRole() throws SQLException {
        assertRefused(users, "SET ROLE " + images.username());
    }

    @Test
    void imagesRoleCannotReadUserProfiles() throws SQLException {
        assertRefused(images, "SELECT count(*) FROM users.profiles");
    }

    @Test
    void usersRoleReadsItsOwnProfiles() throws SQLException {
        String stored;
        try (Connection admin = TestStack.shared().database().adminDataSource().getConnection();
                Statement statement = admin.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM users.profiles")) {
            count.next();
            stored = count.getString(1);
        }
        assertEquals(stored, queryString(users, "SELECT count(*) FROM users.profiles"));
        // Unqualified names resolve to the own schema, as the repository's SQL relies on.
        assertEquals("users", queryString(users, "SELECT current_schema()"));
        assertEquals(queryString(users, "SELECT count(*) FROM users.profiles"),
                     queryString(users, "SELECT count(*) FROM profiles"));
    }

    @Test
    void usersRoleHasNoAdministrativeAttributes() throws SQLException {
        try (Connection connection = connect(users); Statement statement = connection.createStatement();
                ResultSet role = statement.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, "
                        + "rolreplication FROM pg_roles WHERE rolname = current_user")) {
            assertTrue(role.next());
            for (int column = 1; column <= 5; column++) {
                assertFalse(role.getBoolean(column), role.getMetaData().getColumnName(column));
            }
        }
    }

    private static void assertRefused(DatabaseCredentials role, String sql) throws SQLException {
        try (Connection connection = connect(role); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(sql),
                                                    () -> role.username() + " may run: " + sql);
                assertEquals(INSUFFICIENT_PRIVILEGE, refused.getSQLState(),
                             () -> sql + " failed for another reason: " + refused.getMessage());
            } finally {
                connection.rollback();
            }
        }
    }

    private static void assertSucceedsAndRollsBack(DatabaseCredentials role, String sql) throws SQLException {
        try (Connection connection = connect(role); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute(sql);
            } finally {
                connection.rollback();
            }
        }
    }

    private static String queryString(DatabaseCredentials role, String sql) throws SQLException {
        try (Connection connection = connect(role); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(DatabaseCredentials role) throws SQLException {
        return DriverManager.getConnection(url, role.username(), role.password());
    }
}
