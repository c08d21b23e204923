package dev.cloudgallery.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import dev.cloudgallery.images.processing.TestImages;
import dev.cloudgallery.localaws.BrowserUpload;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upload as a person makes it, against a running stack whose worker processes on its own (the local stack,
 * compose): grant, the browser's POST straight to storage, complete, READY, the renditions fetched as a browser
 * would, upright and without the photo's GPS; made public, the image reaches the gallery's feed under its owner's
 * display name.
 */
public final class ImageJourney {
    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    private ImageJourney() {
    }

    /** Runs the journey as the holder of {@code accessToken}; returns the READY image. */
    public static JsonObject run(Api api, String accessToken) throws IOException, InterruptedException {
        byte[] photo = TestImages.sidewaysJpegWithGps(800, 600);
        Response granted = api.send(Request.of("POST", "/api/images").bearer(accessToken).json(
                Json.createObjectBuilder().add("filename", "sideways.jpg").add("contentType", "image/jpeg")
                        .add("size", photo.length).build()));
        assertEquals(201, granted.status(), granted::toString);
        JsonObject upload = granted.json().getJsonObject("upload");
        Map<String, String> fields = new LinkedHashMap<>();
        upload.getJsonObject("fields").forEach((name, value) -> fields.put(name, ((JsonString) value).getString()));
        HttpResponse<String> stored = BROWSER.send(BrowserUpload.request(upload.getString("url"), fields, photo),
                                                   HttpResponse.BodyHandlers.ofString());
        assertEquals(2, stored.statusCode() / 100, () -> stored.statusCode() + " " + stored.body());
        String path = "/api/images/" + granted.json().getString("imageId");
        Response completed = api.send(Request.of("POST", path + "/complete").bearer(accessToken));
        assertEquals(202, completed.status(), completed::toString);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject image;
        do {
            Thread.sleep(250);
            image = api.send(Request.of("GET", path).bearer(accessToken)).json();
            JsonObject seen = image;
            assertTrue(Instant.now().isBefore(deadline), () -> "not processed in time: " + seen);
        } while (!image.getString("status").equals("READY") && !image.getString("status").equals("REJECTED"));
        assertEquals("READY", image.getString("status"), image.toString());
        assertEquals(600 + "x" + 800, image.getInt("width") + "x" + image.getInt("height"), "upright");

        HttpResponse<byte[]> thumbnail = BROWSER.send(HttpRequest.newBuilder(URI.create(
                image.getJsonObject("urls").getString("thumbnail"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, thumbnail.statusCode());
        assertEquals("image/jpeg", thumbnail.headers().firstValue("content-type").orElse(""));
        assertFalse(new String(thumbnail.body(), StandardCharsets.ISO_8859_1).contains(TestImages.GPS_MARKER));
        var decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        if (decoded == null) {
            throw new UncheckedIOException(new IOException("The thumbnail is not an image"));
        }
        assertEquals("240x320", decoded.getWidth() + "x" + decoded.getHeight());

        appearsInTheFeedOncePublic(api, accessToken, path, image.getString("imageId"));
        return image;
    }

    /**
     * Made public, the image reaches the gallery's feed through the events, with a thumbnail that loads and its
     * owner's display name, which arrived through user-service's events.
     */
    private static void appearsInTheFeedOncePublic(Api api, String accessToken, String path, String imageId)
            throws IOException, InterruptedException {
        String displayName = api.send(Request.of("GET", "/api/users/me").bearer(accessToken)).json()
                .getString("displayName");
        Response published = api.send(Request.of("PATCH", path).bearer(accessToken)
                                               .json(Json.createObjectBuilder().add("visibility", "public").build()));
        assertEquals(200, published.status(), published::toString);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Optional<JsonObject> card;
        do {
            Thread.sleep(250);
            card = api.get("/api/gallery/feed?limit=100").json().getJsonArray("items").getValuesAs(JsonObject.class)
                    .stream().filter(item -> item.getString("imageId").equals(imageId)).findFirst();
            Optional<JsonObject> seen = card;
            assertTrue(Instant.now().isBefore(deadline), () -> "the image never reached the feed with its owner's "
                                                               + "name " + displayName + ": " + seen);
        } while (card.filter(item -> item.getString("ownerDisplayName").equals(displayName)).isEmpty());
        HttpResponse<byte[]> thumbnail = BROWSER.send(HttpRequest.newBuilder(URI.create(
                card.get().getJsonObject("urls").getString("thumbnail"))).build(),
                                                      HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, thumbnail.statusCode());
    }
}
