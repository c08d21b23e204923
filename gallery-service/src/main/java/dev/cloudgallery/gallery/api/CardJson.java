package dev.cloudgallery.gallery.api;

import java.time.Duration;

import dev.cloudgallery.gallery.domain.Card;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.media.RenditionUrls;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

/** Cards as API.md writes them, with rendition URLs made at read time, and the way every gallery answer is sent. */
public final class CardJson {
    private final RenditionUrls urls;
    private final Duration urlValidity;

    public CardJson(RenditionUrls urls, Duration urlValidity) {
        this.urls = urls;
        this.urlValidity = urlValidity;
    }

    /** A short-lived URL of a stored rendition. */
    String url(String key) {
        return urls.url(key, urlValidity).toString();
    }

    JsonObject card(Card card) {
        return Json.createObjectBuilder()
                .add("imageId", card.imageId())
                .add("ownerId", card.ownerId())
                .add("ownerDisplayName", card.ownerDisplayName())
                .add("title", card.title())
                .add("description", card.description())
                .add("width", card.width())
                .add("height", card.height())
                .add("createdAt", card.createdAt().toString())
                .add("visibility", card.isPublic() ? "public" : "private")
                .add("urls", Json.createObjectBuilder()
                        .add("thumbnail", url(card.thumbnailKey()))
                        .add("medium", url(card.mediumKey())))
                .build();
    }

    static void send(ServerResponse res, JsonObject body) {
        // The URLs in an answer are short-lived and some answers are private: never cached on the way.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body);
    }
}
