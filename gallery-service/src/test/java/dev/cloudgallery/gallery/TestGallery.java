package dev.cloudgallery.gallery;

import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, String> environment = new LinkedHashMap<>(TestStack.shared().serviceEnvironment("gallery"));
        Map<String, String> http = new LinkedHashMap<>(environment);
        http.put("SERVER_HOST", "127.0.0.1");
        http.put("SERVER_PORT", "0");
        Config config = ServiceConfig.load(http);
        WebServer server = Main.start(config);
        return new TestGallery(environment, config, server, HttpApi.onPort(server.port()), EventConsumer.create(config));
    }

    void stop() {
        server.stop();
    }
}
