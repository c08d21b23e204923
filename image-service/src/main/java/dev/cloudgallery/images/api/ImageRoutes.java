package dev.cloudgallery.images.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.cloudgallery.images.domain.Image;
import dev.cloudgallery.images.domain.ImageStore;
import dev.cloudgallery.images.domain.Images;
import dev.cloudgallery.images.domain.UploadTarget;
import dev.cloudgallery.platform.http.RequestBodies;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.platform.security.Authenticator;
import dev.cloudgallery.platform.security.Caller;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The {@code /api/images} routes of API.md: each handler reads the request, calls {@link Images}, writes JSON. */
public final class ImageRoutes implements HttpService {
    static final int DEFAULT_LIMIT = 24;
    static final int MAX_LIMIT = 100;

    private final Images images;
    private final Authenticator auth;

    public ImageRoutes(Images images, Authenticator auth) {
        this.images = images;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", auth.required(this::grant))
                .get("/", auth.required(this::list))
                .get("/quota", auth.required((req, res, caller) -> {
                    Images.Quota quota = images.quota(caller.userId());
                    send(res, Json.createObjectBuilder()
                            .add("images", quota.images()).add("bytes", quota.bytes())
                            .add("maxImages", quota.maxImages()).add("maxBytes", quota.maxBytes()).build());
                }))
                .post("/{id}/complete", auth.required((req, res, caller) -> {
                    Image image = images.complete(req.path().pathParameters().get("id"), caller.userId());
                    res.status(Status.ACCEPTED_202);
                    send(res, Json.createObjectBuilder().add("imageId", image.imageId())
                            .add("status", image.status().name()).build());
                }))
                .get("/{id}", auth.optional((req, res, caller) -> send(res, json(images.find(
                        req.path().pathParameters().get("id"), caller.map(Caller::userId))).build())))
                .patch("/{id}", auth.required((req, res, caller) -> {
                    RequestBodies.Body body = RequestBodies.json(req);
                    send(res, json(images.update(req.path().pathParameters().get("id"), caller.userId(),
                                                 new Images.Changes(body.string("title"), body.string("description"),
                                                                    body.string("visibility")))).build());
                }))
                .delete("/{id}", auth.required((req, res, caller) -> {
                    images.delete(req.path().pathParameters().get("id"), caller.userId());
                    res.status(Status.NO_CONTENT_204).send();
                }));
    }

    private void grant(ServerRequest req, ServerResponse res, Caller caller) {
        RequestBodies.Body body = RequestBodies.json(req);
        Images.Grant grant = images.grant(caller.userId(), new Images.UploadRequest(
                body.string("filename").orElse(null), body.string("contentType").orElse(null),
                body.integer("size").orElse(null), body.string("title").orElse(null),
                body.string("description").orElse(null), body.string("visibility").orElse(null),
                body.string("sha256").orElse(null)));
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/api/images/" + grant.image().imageId());
        send(res, Json.createObjectBuilder()
                .add("imageId", grant.image().imageId())
                .add("status", grant.image().status().name())
                .add("upload", upload(grant.upload()))
                .build());
    }

    private void list(ServerRequest req, ServerResponse res, Caller caller) {
        int limit = limit(req.query().first("limit").asOptional());
        Optional<Image.Status> status = req.query().first("status").asOptional().map(ImageRoutes::status);
        Optional<ImageStore.Position> after = req.query().first("cursor").asOptional().map(Cursor::decode);
        // One more than the page tells whether another page follows.
        List<Image> page = images.list(caller.userId(), status, after, limit + 1);
        JsonArrayBuilder items = Json.createArrayBuilder();
        page.stream().limit(limit).forEach(image -> items.add(json(image)));
        JsonObjectBuilder answer = Json.createObjectBuilder().add("items", items);
        if (page.size() > limit) {
            answer.add("nextCursor", Cursor.encode(page.get(limit - 1)));
        }
        send(res, answer.build());
    }

    private static int limit(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below, like any other value out of range.
        }
        throw Problem.validation("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Image.Status status(String value) {
        try {
            return Image.Status.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw Problem.validation("status", "must be PENDING, PROCESSING, READY or REJECTED");
        }
    }

    private static JsonObject upload(UploadTarget target) {
        JsonObjectBuilder fields = Json.createObjectBuilder();
        target.fields().forEach(fields::add);
        JsonObjectBuilder headers = Json.createObjectBuilder();
        target.headers().forEach(headers::add);
        return Json.createObjectBuilder()
                .add("method", target.method())
                .add("url", target.url())
                .add("fields", fields)
                .add("headers", headers)
                .add("expiresAt", target.expiresAt().toString())
                .build();
    }

    private JsonObjectBuilder json(Image image) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("imageId", image.imageId())
                .add("ownerId", image.ownerId())
                .add("title", image.title())
                .add("description", image.description())
                .add("visibility", image.visibility().name().toLowerCase(Locale.ROOT))
                .add("status", image.status().name())
                .add("contentType", image.contentType())
                .add("size", image.size().orElse(image.declaredSize()))
                .add("createdAt", image.createdAt().toString());
        image.rejectReason().ifPresent(reason -> json.add("rejectReason", reason));
        image.width().ifPresent(width -> json.add("width", width));
        image.height().ifPresent(height -> json.add("height", height));
        Map<String, URI> urls = images.urls(image);
        if (!urls.isEmpty()) {
            JsonObjectBuilder links = Json.createObjectBuilder();
            urls.forEach((name, url) -> links.add(name, url.toString()));
            json.add("urls", links);
        }
        return json;
    }

    private static void send(ServerResponse res, JsonObject body) {
        // Private images and signed upload targets: never cached on the way.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body);
    }

    /** An opaque position in a list: only this service reads it, and a malformed one is the client's error (400). */
    static final class Cursor {
        private static final long LATEST_MICROS = 9_224_318_015_999_999L;

        private Cursor() {
        }

        static String encode(Image last) {
            long micros = last.createdAt().getEpochSecond() * 1_000_000 + last.createdAt().getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "/" + last.imageId()).getBytes(StandardCharsets.UTF_8));
        }

        static ImageStore.Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/");
                long micros = parts.length == 2 ? Long.parseLong(parts[0]) : -1;
                // Within what PostgreSQL stores (up to the year 294276); a cursor before 1970 was never given out.
                if (micros >= 0 && micros <= LATEST_MICROS) {
                    Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                                                              Math.floorMod(micros, 1_000_000) * 1_000L);
                    return new ImageStore.Position(createdAt, UUID.fromString(parts[1]).toString());
                }
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                // Answered below.
            }
            throw Problem.validation("cursor", "is not a cursor this API gave out");
        }
    }
}
