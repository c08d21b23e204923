package dev.cloudgallery.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.db.DatabaseCredentials;

import io.helidon.config.Config;

/**
 * The dependencies a service needs in tests — PostgreSQL and cognito-local — started once per test JVM and
 * shared by every test class in it, with a service's settings handed out exactly as a deployment passes them:
 * environment variables.
 */
public final class TestStack {
    /** The code cognito-local sends for every confirmation, so tests can confirm sign-ups. */
    public static final String CONFIRMATION_CODE = "123456";

    private static TestStack shared;

    private final EmbeddedDatabase database;
    private final CognitoLocal cognito;
    private final CognitoLocal.Pool pool;

    private TestStack(EmbeddedDatabase database, CognitoLocal cognito) {
        this.database = database;
        this.cognito = cognito;
        this.pool = cognito.pool("cloud-gallery-test");
    }

    /** The stack of this test JVM, started on first use. */
    public static synchronized TestStack shared() {
        if (shared == null) {
            try {
                Path root = Files.createTempDirectory("cloud-gallery-test");
                EmbeddedDatabase database = EmbeddedDatabase.start(root.resolve("postgres"), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(database::close));
                shared = new TestStack(database, CognitoLocal.start(root.resolve("cognito"), 0, CONFIRMATION_CODE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public CognitoLocal cognito() {
        return cognito;
    }

    public CognitoLocal.Pool pool() {
        return pool;
    }

    /**
     * The environment a deployment would give the service owning {@code schema}: its schema provisioned and
     * migrated, its own role's credentials, the pool's issuer and client. Stand-in endpoints are added as the
     * local-only settings they are.
     */
    public Map<String, String> serviceEnvironment(String schema) {
        DatabaseCredentials role = database.provision(schema);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", database.jdbcUrl());
        env.put("DB_SECRET_ARN", "");
        env.put("DB_USERNAME", role.username());
        env.put("DB_PASSWORD", role.password());
        env.put("AUTH_ISSUER", pool.issuer());
        env.put("AUTH_CLIENT_IDS", pool.clientId());
        env.put("COGNITO_USER_POOL_ID", pool.poolId());
        env.put("COGNITO_CLIENT_ID", pool.clientId());
        env.put("COGNITO_ENDPOINT", cognito.endpoint());
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    /** {@link #serviceEnvironment} as the service's {@link Config}, for starting it in the test JVM. */
    public Config serviceConfig(String schema) {
        return ServiceConfig.load(serviceEnvironment(schema));
    }
}
