package dev.cloudgallery.platform;

import java.util.function.Consumer;
import java.util.function.Function;

import dev.cloudgallery.platform.db.Database;
import dev.cloudgallery.platform.http.Problems;
import dev.cloudgallery.platform.http.RequestLog;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.platform.security.Authenticator;
import dev.cloudgallery.platform.security.OriginGuard;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.common.socket.SocketOptions;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;


/**
 * What every service gets from the platform, created once from its configuration: the database of its own schema,
 * the bearer-token authenticator, and the routing conventions (prefix, problem+json errors, request log, health,
 * OpenAPI document). A service's {@code Main} creates one and mounts its own {@link HttpService}s through it.
 */
public final class ServicePlatform {
    private final String name;
    private final Config config;
    private final Database database;
    private final Authenticator authenticator;
    private final OriginGuard originGuard;

    private ServicePlatform(String name, Config config, Database database, Authenticator authenticator,
                            OriginGuard originGuard) {
        this.name = name;
        this.config = config;
        this.database = database;
        this.authenticator = authenticator;
        this.originGuard = originGuard;
    }

    /**
     * Creates the platform for the service named {@code name} (its prefix is {@code /api/<name>}). Fails when the
     * security configuration (token issuer, origin header) is missing. The schema is expected to be migrated
     * already, at deploy time ({@link dev.cloudgallery.platform.db.MigrateHandler}).
     */
    public static ServicePlatform create(String name, Config config) {
        // Both start work in the background (token checks, the first connection) that runs beside the rest.
        Authenticator authenticator = Authenticator.create(config.get("auth"));
        Database database = Database.create(config.get("db"));
        database.connectInBackground();
        return new ServicePlatform(name, config, database, authenticator, OriginGuard.create(config));
    }

    public String prefix() {
        return "/api/" + name;
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** Installs the shared conventions and mounts the service's routes under its prefix. */
    public void mount(HttpRouting.Builder routing, HttpService... services) {
        routing.addFilter(new RequestLog());
        // After the request log, so refused requests are logged with their id; before every route.
        routing.addFilter(originGuard);
        Problems.register(routing);
        routing.get(prefix() + "/health", (req, res) -> {
            boolean up = database.isReachable();
            res.status(up ? 200 : 503).send(Json.createObjectBuilder()
                                                    .add("status", up ? "UP" : "DOWN")
                                                    .add("service", name)
                                                    .add("checks", Json.createObjectBuilder()
                                                            .add("database", up ? "UP" : "DOWN"))
                                                    .build());
        });
        routing.get(prefix() + "/openapi", (req, res) -> {
            try (var document = ServicePlatform.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
                if (document == null) {
                    throw Problem.notFound("This service publishes no OpenAPI document.");
                }
                res.headers().contentType(MediaTypes.APPLICATION_YAML);
                res.header(HeaderNames.CACHE_CONTROL, "max-age=300");
                res.send(document.readAllBytes());
            }
        });
        routing.register(prefix(), services);
    }

    /**
     * A service's {@code main}: configuration from the environment, JSON logging, then the service's own start
     * method, which the Lambda handler and the local stack call too.
     */
    public static void serve(String service, Function<Config, WebServer> start) {
        LogConfig.configureRuntime();
        WebServer server = start.apply(ServiceConfig.load());
        System.getLogger(ServicePlatform.class.getName())
                .log(System.Logger.Level.INFO, service + " listening on port " + server.port());
    }

    /** Starts the service's web server from the {@code server} config node with the given routing. */
    public static WebServer start(Config config, Consumer<HttpRouting.Builder> routing) {
        return WebServer.builder()
                .config(config.get("server"))
                // A page of cards leaves in several writes; with Nagle's algorithm each write after the first waits for
                // the client's delayed ACK (40 ms on Linux): measured, every such page took 44 ms, at any load.
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(routing)
                .build()
                .start();
    }
}
