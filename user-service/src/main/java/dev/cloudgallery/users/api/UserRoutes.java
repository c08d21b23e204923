package dev.cloudgallery.users.api;

import dev.cloudgallery.platform.http.RequestBodies;
import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.platform.security.Authenticator;
import dev.cloudgallery.users.domain.Accounts;
import dev.cloudgallery.users.domain.Profile;
import dev.cloudgallery.users.domain.Session;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The {@code /api/users} routes of API.md: each handler reads the request, calls {@link Accounts}, writes JSON. */
public final class UserRoutes implements HttpService {
    private final Accounts accounts;
    private final Authenticator auth;

    public UserRoutes(Accounts accounts, Authenticator auth) {
        this.accounts = accounts;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/register", this::register)
                .post("/confirm", this::confirm)
                .post("/login", this::login)
                .post("/refresh", this::refresh)
                .post("/logout", auth.required((req, res, caller) -> {
                    accounts.logout(caller.accessToken(), RequestBodies.json(req).string("refreshToken").orElse(null));
                    res.status(Status.NO_CONTENT_204).send();
                }))
                .get("/me", auth.required((req, res, caller) -> send(res, privateProfile(accounts.me(caller.userId())))))
                .patch("/me", auth.required((req, res, caller) -> {
                    RequestBodies.Body body = RequestBodies.json(req);
                    Profile profile = accounts.updateMe(caller.userId(),
                                                        body.string("displayName").orElse(null),
                                                        body.string("bio").orElse(null));
                    send(res, privateProfile(profile));
                }))
                .get("/{userId}", this::publicProfile);
    }

    private void register(ServerRequest req, ServerResponse res) {
        RequestBodies.Body body = RequestBodies.json(req);
        Accounts.Registration registration = accounts.register(body.string("email").orElse(null),
                                                               body.string("password").orElse(null),
                                                               body.string("displayName").orElse(null));
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/api/users/" + registration.userId());
        send(res, Json.createObjectBuilder()
                .add("userId", registration.userId())
                .add("email", registration.email())
                .add("displayName", registration.displayName())
                .add("confirmationRequired", registration.confirmationRequired())
                .build());
    }

    private void confirm(ServerRequest req, ServerResponse res) {
        RequestBodies.Body body = RequestBodies.json(req);
        accounts.confirm(body.string("email").orElse(null), body.string("code").orElse(null));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void login(ServerRequest req, ServerResponse res) {
        RequestBodies.Body body = RequestBodies.json(req);
        Session session = accounts.login(body.string("email").orElse(null), body.string("password").orElse(null));
        send(res, tokens(session).add("refreshToken", session.refreshToken()).build());
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        Session session = accounts.refresh(RequestBodies.json(req).string("refreshToken").orElse(null));
        send(res, tokens(session).build());
    }

    private void publicProfile(ServerRequest req, ServerResponse res) {
        Profile profile = accounts.publicProfile(req.path().pathParameters().get("userId"))
                .orElseThrow(() -> Problem.notFound("No such user."));
        send(res, Json.createObjectBuilder()
                .add("userId", profile.userId())
                .add("displayName", profile.displayName())
                .add("bio", profile.bio())
                .build());
    }

    private static JsonObjectBuilder tokens(Session session) {
        return Json.createObjectBuilder()
                .add("accessToken", session.accessToken())
                .add("idToken", session.idToken())
                .add("expiresIn", session.expiresIn())
                .add("tokenType", "Bearer");
    }

    private static JsonObject privateProfile(Profile profile) {
        return Json.createObjectBuilder()
                .add("userId", profile.userId())
                .add("email", profile.email())
                .add("displayName", profile.displayName())
                .add("bio", profile.bio())
                .add("createdAt", profile.createdAt().toString())
                .build();
    }

    private static void send(ServerResponse res, JsonObject body) {
        // Answers carry personal data or tokens: never cache them anywhere.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body);
    }
}
