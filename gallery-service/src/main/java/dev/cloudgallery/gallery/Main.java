package dev.cloudgallery.gallery;

import dev.cloudgallery.platform.ServicePlatform;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * gallery-service: the read side: feed, search, albums and share links under {@code /api/gallery}.
 * Today it serves its health and OpenAPI routes.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServicePlatform.serve("gallery-service", Main::start);
    }

    /** Starts the service from {@code config}; the Lambda handler and the local stack use this too. */
    public static WebServer start(Config config) {
        return ServicePlatform.start(config, routing -> routing(routing, config));
    }

    /** The service's routing, reused by tests. */
    public static void routing(HttpRouting.Builder routing, Config config) {
        ServicePlatform.create("gallery", config).mount(routing);
    }
}
