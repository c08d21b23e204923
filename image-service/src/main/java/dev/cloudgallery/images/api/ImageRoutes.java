package dev.cloudgallery.images.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.cloudgallery.images.domain.Image;
import dev.cloudgallery.images.domain.Images;
import dev.cloudgallery.images.domain.UploadTarget;
import dev.cloudgallery.platform.http.RequestBodies;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.paging.Cursors;
import dev.cloudgallery.platform.paging.Keyset;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.platform.security.Authenticator;
import dev.cloudgallery.platform.security.Caller;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The {@code /api/images} routes of API.md: each handler reads the request, calls {@link Images}, writes JSON. */
public final class ImageRoutes implements HttpService {
    private final Images images;
    private final Authenticator auth;
    private final Cursors cursors;

    public ImageRoutes(Images images, Authenticator auth, Cursors cursors) {
        this.images = images;
        this.auth = auth;
        this.cursors = cursors;
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
        int limit = Keyset.limit(req.query().first("limit").asOptional());
        Optional<Image.Status> status = req.query().first("status").asOptional().map(ImageRoutes::status);
        Optional<Keyset.Position> after = req.query().first("cursor").asOptional().map(cursors::position);
        List<Image> page = images.list(caller.userId(), status, after, limit + 1);
        send(res, Keyset.page(page, limit, image -> json(image).build(),
                              last -> cursors.cursor(last.createdAt(), last.imageId())));
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
}
