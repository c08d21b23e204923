package dev.cloudgallery.gallery;

import java.util.Map;

import dev.cloudgallery.localaws.LocalAws;
import dev.cloudgallery.platform.ServiceConfig;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.HttpApi;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;

/**
 * The service on a loopback port of the shared test stack, with a consumer that feeds its read model directly:
 * a test hands it events as the queue would.
 */
record TestGallery(Map<String, String> environment, Config config, WebServer server, Api api,
                   EventConsumer consumer) {

    static TestGallery start() {
        Map<String, String> environment = TestStack.shared().serviceEnvironment("gallery");
        Config config = ServiceConfig.load(LocalAws.httpServer(environment, 0));
        WebServer server = Main.start(config);
        return new TestGallery(environment, config, server, HttpApi.onPort(server.port()), EventConsumer.create(config));
    }

    void stop() {
        server.stop();
    }
}
