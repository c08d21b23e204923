package dev.cloudgallery.localaws;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.platform.db.DatabaseCredentials;

import io.helidon.config.Config;

/**
 * The stand-ins for AWS where there is none — PostgreSQL for Aurora, cognito-local for Cognito, S3Mock for S3,
 * ElasticMQ for SQS — with a service's settings handed out exactly as a deployment passes them: environment
 * variables. {@code make run} starts one that keeps its data; the tests share one per test JVM. Every server listens
 * on 127.0.0.1 only: their credentials and confirmation codes are public.
 * <p>
 * PostgreSQL and cognito-local start at once; S3 and SQS on first use ({@link #s3()}, {@link #sqs()}), so a test JVM
 * that needs neither does not wait for them.
 */
public final class LocalAws {
    /** The code cognito-local sends for every confirmation, so tests and local users can confirm sign-ups. */
    public static final String CONFIRMATION_CODE = "123456";
    /** The origin header's value that local gateways add, as CloudFront adds the deployed one. */
    public static final String ORIGIN_VALUE = "local-origin-verify";
    /** A second accepted value, as during a rotation of the deployed one. */
    public static final String PREVIOUS_ORIGIN_VALUE = "local-origin-verify-previous";
    /** The bucket of originals and derivatives, as the platform stack names its images bucket's role. */
    public static final String IMAGES_BUCKET = "cloud-gallery-images";
    /** The queues the platform stack creates, each with a dead-letter queue after {@link #MAX_RECEIVES} tries. */
    public static final List<String> QUEUES = List.of("images-processing", "gallery-events");
    public static final int MAX_RECEIVES = 5;

    /** The ports to listen on; 0 takes a free one. */
    public record Ports(int postgres, int cognito, int s3, int sqs) {
        public static final Ports ANY = new Ports(0, 0, 0, 0);
    }

    private final Path root;
    private final Ports ports;
    private final EmbeddedDatabase database;
    private final CognitoLocal cognito;
    private final CognitoLocal.Pool pool;
    private S3Mock s3;
    private ElasticMq sqs;

    private LocalAws(Path root, Ports ports, EmbeddedDatabase database, CognitoLocal cognito) {
        this.root = root;
        this.ports = ports;
        this.database = database;
        this.cognito = cognito;
        this.pool = cognito.pool("cloud-gallery-test");
    }

    /**
     * Starts the stand-ins with their data under {@code root}, kept across restarts. They all stop when the JVM
     * exits.
     */
    public static LocalAws start(Path root, Ports ports) {
        EmbeddedDatabase database = EmbeddedDatabase.start(root.resolve("postgres"), ports.postgres());
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        return new LocalAws(root, ports, database,
                            CognitoLocal.start(root.resolve("cognito"), ports.cognito(), CONFIRMATION_CODE));
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

    /** S3Mock with the images bucket, started on first use. */
    public synchronized S3Mock s3() {
        if (s3 == null) {
            s3 = S3Mock.start(root.resolve("s3"), ports.s3(), List.of(IMAGES_BUCKET));
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
        }
        return s3;
    }

    /** ElasticMQ with the platform's queues and their dead-letter queues, started on first use. */
    public synchronized ElasticMq sqs() {
        if (sqs == null) {
            sqs = ElasticMq.start(root.resolve("sqs"), ports.sqs(), QUEUES, MAX_RECEIVES);
            Runtime.getRuntime().addShutdownHook(new Thread(sqs::close));
        }
        return sqs;
    }

    /**
     * The environment a deployment would give the service owning {@code schema}: its schema provisioned and
     * migrated, its own role's credentials, the pool's issuer and client, the origin header's values. Stand-in
     * endpoints are added as the local-only settings they are.
     */
    public Map<String, String> serviceEnvironment(String schema) {
        database.provision(schema);
        return environment(schema, database.provisionRole(schema));
    }

    /**
     * The same environment for a service whose schema is migrated elsewhere (the local stack runs each service's
     * own migration command, from the service's class path).
     */
    public Map<String, String> unmigratedServiceEnvironment(String schema) {
        return environment(schema, database.provisionRole(schema));
    }

    private Map<String, String> environment(String schema, DatabaseCredentials role) {
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
        // Every service sends events to the gallery (which consumes them); the image service keeps objects and queues
        // work; the gallery links to renditions.
        env.put("SQS_ENDPOINT", sqs().endpoint());
        env.put("GALLERY_EVENTS_QUEUE_URL", sqs().queueUrl("gallery-events"));
        if (schema.equals("images") || schema.equals("gallery")) {
            env.put("CURSOR_KEY_SECRET_ARN", "");
            env.put("CURSOR_KEY", "local-cursor-key");
            env.put("IMAGES_BUCKET", IMAGES_BUCKET);
            env.put("S3_ENDPOINT", s3().endpoint());
            // No CloudFront here: rendition URLs are presigned for the stand-in.
            env.put("MEDIA_BASE_URL", "");
            env.put("MEDIA_KEY_PAIR_ID", "");
            env.put("MEDIA_SIGNING_KEY_SECRET_ARN", "");
        }
        if (schema.equals("gallery")) {
            // The local gateway's address, which make run and the tests' stack both serve at.
            env.put("SITE_URL", "http://localhost:8080");
        }
        if (schema.equals("images")) {
            env.put("IMAGES_PROCESSING_QUEUE_URL", sqs().queueUrl("images-processing"));
        }
        return env;
    }

    /**
     * A copy of a service's environment that starts it as an HTTP server (instead of a Lambda function) on
     * {@code port} of the loopback interface only, {@code 0} for any free port: everything a local stack starts uses
     * public credentials.
     */
    public static Map<String, String> httpServer(Map<String, String> environment, int port) {
        Map<String, String> server = new LinkedHashMap<>(environment);
        server.put("SERVER_HOST", "127.0.0.1");
        server.put("SERVER_PORT", String.valueOf(port));
        return server;
    }

    /** {@link #serviceEnvironment} as the service's {@link Config}, for starting it in the test JVM. */
    public Config serviceConfig(String schema) {
        return ServiceConfig.load(serviceEnvironment(schema));
    }
}
