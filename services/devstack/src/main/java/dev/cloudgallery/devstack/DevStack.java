package dev.cloudgallery.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.localaws.Ports;
import dev.cloudgallery.platform.db.MigrateHandler;

import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

/**
 * {@code make run}: the whole product on one machine, no AWS account and no Docker. PostgreSQL and cognito-local
 * run as child processes with their data under {@code .data/}; each service runs as its own JVM, as independent as
 * in AWS, configured through the same environment variables a deployment sets; a gateway on port 8080 routes
 * {@code /api/<name>} to the owning service as API Gateway does. Ctrl-C stops every child.
 */
public final class DevStack {
    /** A process: its service's schema (also its route prefix), module folder, main class and log's name. */
    private record Service(String schema, String module, String mainClass, String name) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("users", "user-service", "dev.cloudgallery.users.Main", "user-service"),
            new Service("images", "image-service", "dev.cloudgallery.images.Main", "image-service"),
            new Service("gallery", "gallery-service", "dev.cloudgallery.gallery.Main", "gallery-service"));
    /**
     * Workers: in AWS each is a function fed by its queue or its schedule; here a process polling the queue or
     * keeping the schedule.
     */
    private static final List<Service> WORKERS = List.of(
            new Service("users", "user-service", "dev.cloudgallery.users.RelayWorker", "user-relay"),
            new Service("images", "image-service", "dev.cloudgallery.images.ProcessingWorker",
                        "image-worker"),
            new Service("gallery", "gallery-service", "dev.cloudgallery.gallery.EventConsumer",
                        "gallery-consumer"));

    private DevStack() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Path data = Path.of(env("DEVSTACK_DATA", ".data"));
        int port = Integer.parseInt(env("PORT", "8080"));
        LocalAws stack = LocalAws.start(data, new LocalAws.Ports(Integer.parseInt(env("POSTGRES_PORT", "15432")),
                                                                 Integer.parseInt(env("COGNITO_PORT", "9229")),
                                                                 Integer.parseInt(env("S3_PORT", "9090")),
                                                                 Integer.parseInt(env("SQS_PORT", "9324"))));
        String s3 = stack.s3().endpoint();
        String sqs = stack.sqs().endpoint();

        Map<String, Integer> upstreams = new LinkedHashMap<>();
        for (Service service : SERVICES) {
            upstreams.put("/api/" + service.schema(),
                          startService(service, environment(stack, service, port), data.resolve("logs")));
        }
        for (Service worker : WORKERS) {
            startWorker(worker, environment(stack, worker, port), data.resolve("logs"));
        }
        WebServer gateway = Gateway.start(port, upstreams, URI.create(s3), Path.of(env("FRONTEND_DIR", "frontend")),
                                          LocalAws.ORIGIN_VALUE);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::stop));

        System.out.printf("""

                Cloud Gallery is running on http://localhost:%d  (Ctrl-C stops everything)
                  APIs:        %s
                  PostgreSQL:  %s (superuser postgres, no password)
                  Cognito:     %s  pool %s, app client %s
                  S3:          %s  bucket %s (path-style, any credentials)
                  SQS:         %s  queues %s, each with a -dlq
                  Sign-up confirmation code for every local account: %s
                  Data:        %s (delete it to start afresh); service logs in its logs/ folder
                %n""", gateway.port(), String.join(", ", upstreams.keySet()), stack.database().jdbcUrl(),
                          stack.cognito().endpoint(), stack.pool().poolId(), stack.pool().clientId(),
                          s3, LocalAws.IMAGES_BUCKET, sqs, String.join(", ", LocalAws.QUEUES),
                          LocalAws.CONFIRMATION_CODE, data.toAbsolutePath());
    }

    /**
     * The service's environment, with the gateway as the site that share links point at and as the browser's way to
     * the S3 stand-in, which keeps uploads and renditions on the site's origin as CloudFront does.
     */
    private static Map<String, String> environment(LocalAws stack, Service service, int port) {
        Map<String, String> environment = new LinkedHashMap<>(stack.unmigratedServiceEnvironment(service.schema()));
        environment.computeIfPresent("SITE_URL", (name, value) -> "http://localhost:" + port);
        if (environment.containsKey("S3_ENDPOINT")) {
            environment.put("S3_PUBLIC_ENDPOINT", "http://localhost:" + port + "/s3");
        }
        return environment;
    }

    /**
     * Migrates a service's schema with its own migration command, as a deployment does, then starts its
     * {@code Main} in its own JVM on a free loopback port and waits until it listens.
     */
    private static int startService(Service service, Map<String, String> environment, Path logs) {
        int port = Ports.free();
        try {
            Files.createDirectories(logs);
            Map<String, String> migration = new LinkedHashMap<>(environment);
            migration.put("DB_ADMIN_USERNAME", "postgres");
            migration.put("DB_ADMIN_PASSWORD", "");
            Process migrate = java(service, MigrateHandler.class.getName(), migration, logs);
            if (migrate.waitFor() != 0) {
                throw new IllegalStateException("Migrating " + service.schema() + " failed; see " + logs);
            }
            Process process = java(service, service.mainClass(), LocalAws.httpServer(environment, port), logs);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            Ports.awaitListening(port, Duration.ofSeconds(60), process);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + service.module() + " (run 'make build' first)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a queue worker in its own JVM, after its service has migrated the schema. */
    private static void startWorker(Service worker, Map<String, String> environment, Path logs) {
        try {
            Process process = java(worker, worker.mainClass(), environment, logs);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the worker of " + worker.module(), e);
        }
    }

    /** Runs a main class of a service's module with that module's class path, appending to its log. */
    private static Process java(Service service, String mainClass, Map<String, String> environment, Path logs)
            throws IOException {
        Path module = Path.of(service.module()).toAbsolutePath();
        String classpath = module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/runtime-classpath.txt")).trim();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                    "-cp", classpath, mainClass)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service.name() + ".log").toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
