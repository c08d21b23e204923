package dev.cloudgallery.gallery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import dev.cloudgallery.gallery.api.AlbumRoutes;
import dev.cloudgallery.gallery.api.CardJson;
import dev.cloudgallery.gallery.api.GalleryRoutes;
import dev.cloudgallery.gallery.db.AlbumRepository;
import dev.cloudgallery.gallery.db.CardRepository;
import dev.cloudgallery.gallery.domain.Albums;
import dev.cloudgallery.gallery.domain.Gallery;
import dev.cloudgallery.platform.ServicePlatform;
import dev.cloudgallery.platform.media.MediaUrls;
import dev.cloudgallery.platform.paging.Cursors;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * gallery-service: the read side under {@code /api/gallery}, answered from its own schema, which image events keep
 * current ({@link EventConsumer}): the public feed, a user's gallery, the caller's own, search; and albums with
 * their share links, its own data.
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
        ServicePlatform platform = ServicePlatform.create("gallery", config);
        DbClient db = platform.database().client();
        CardJson cards = new CardJson(MediaUrls.create(config, config.get("media.bucket").asString().get()),
                                      config.get("media.url-validity").as(Duration.class).get());
        Cursors cursors = Cursors.create(config);
        platform.mount(routing,
                       new GalleryRoutes(new Gallery(new CardRepository(db)), platform.authenticator(), cards, cursors),
                       new AlbumRoutes(new Albums(new AlbumRepository(db), Clock.systemUTC()), platform.authenticator(),
                                       cards, cursors, URI.create(config.get("share.site-url").asString().get())));
    }
}
