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
 * The stand-ins a service needs — PostgreSQL and cognito-local — with a service's settings handed out exactly as a
 * deployment passes them: environment variables. Tests share one per test JVM ({@link #shared()}); the local stack
 * of {@code make run} starts one that keeps its data ({@link #start}).
 */
public final class TestStack {
    /** The code cognito-local sends for every confirmation, so tests can confirm sign-ups. */
    public static final String CONFIRMATION_CODE = "123456";
    /** The origin header's value that local gateways add, as CloudFront adds the deployed one. */
    public static final String ORIGIN_VALUE = "local-origin-verify";
    /** A second accepted value, as during a rotation of the deployed one. */
    public static final String PREVIOUS_ORIGIN_VALUE = "local-origin-verify-previous";

    private static TestStack shared;

    private final EmbeddedDatabase database;
    private final CognitoLocal cognito;
    private final CognitoLocal.Pool pool;

    private TestStack(EmbeddedDatabase database, CognitoLocal cognito) {
        this.database = database;
        this.cognito = cognito;
        this.pool = cognito.pool("cloud-gallery-test");
    }

    /** The stack of this test JVM, started on first use on free ports, its data thrown away. */
    public static synchronized TestStack shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("cloud-gallery-test"), 0, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * Starts PostgreSQL and cognito-local with their data under {@code root} (kept across restarts) on the given
     * ports (0: any free one). Both stop when the JVM exits.
     */
    public static TestStack start(Path root, int postgresPort, int cognitoPort) {
        EmbeddedDatabase database = EmbeddedDatabase.start(root.resolve("postgres"), postgresPort);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        return new TestStack(database, CognitoLocal.start(root.resolve("cognito"), cognitoPort, CONFIRMATION_CODE));
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
        database.provision(schema);
        return environment(database.provisionRole(schema));
    }

    /**
     * The same environment for a service whose schema is migrated elsewhere (the local stack runs each service's
     * own migration command, from the service's class path).
     */
    public Map<String, String> unmigratedServiceEnvironment(String schema) {
        return environment(database.provisionRole(schema));
    }

    private Map<String, String> environment(DatabaseCredentials role) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", database.jdbcUrl());
        env.put("DB_SECRET_ARN", "");
        env.put("DB_USERNAME", role.username());
        env.put("DB_PASSWORD", role.password());
        env.put("AUTH_ISSUER", pool.issuer());
        env.put("AUTH_CLIENT_IDS", pool.clientId());
        env.put("ORIGIN_SECRET_ARN", "");
        env.put("ORIGIN_VALUES", ORIGIN_VALUE + "," + PREVIOUS_ORIGIN_VALUE);
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
