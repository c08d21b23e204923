package dev.cloudgallery.images;

import dev.cloudgallery.images.api.ImageRoutes;
import dev.cloudgallery.platform.ServicePlatform;
import dev.cloudgallery.platform.paging.Cursors;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/** image-service: upload grants, image processing and image metadata under {@code /api/images}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServicePlatform.serve("image-service", Main::start);
    }

    /** Starts the service from {@code config}; the Lambda handler and the local stack use this too. */
    public static WebServer start(Config config) {
        return ServicePlatform.start(config, routing -> routing(routing, config));
    }

    /** The service's routing, reused by tests. */
    public static void routing(HttpRouting.Builder routing, Config config) {
        ServicePlatform platform = ServicePlatform.create("images", config);
        Components components = Components.create(config, platform.database());
        platform.mount(routing, new ImageRoutes(components.images(), platform.authenticator(),
                                                Cursors.create(config)));
    }
}
