package dev.cloudgallery.users;

import java.util.Set;
import java.util.UUID;

import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.Api;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole life of an account, step by step, against any {@link Api}: the HTTP server, the Lambda runtime and the
 * container stack must all pass it.
 */
public final class UserJourney {
    public static final String PASSWORD = "Correct-Horse-9";

    private UserJourney() {
    }

    /** A unique address, so journeys never collide with each other or with earlier runs. */
    public static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** Runs the journey with a new account; returns its email (the password is {@link #PASSWORD}). */
    public static String run(Api api) {
        String email = newEmail();

        Response registered = api.post("/api/users/register", Json.createObjectBuilder()
                .add("email", email).add("password", PASSWORD).add("displayName", "Ada").build());
        assertEquals(201, registered.status(), registered::toString);
        JsonObject account = registered.json();
        String userId = account.getString("userId");
        assertEquals(email, account.getString("email"));
        assertTrue(account.getBoolean("confirmationRequired"));

        Response confirmed = api.post("/api/users/confirm", Json.createObjectBuilder()
                .add("email", email).add("code", TestStack.CONFIRMATION_CODE).build());
        assertEquals(204, confirmed.status(), confirmed::toString);

        JsonObject tokens = login(api, email);
        String access = tokens.getString("accessToken");
        assertEquals("Bearer", tokens.getString("tokenType"));
        assertTrue(tokens.getJsonNumber("expiresIn").longValue() > 0);

        Response me = api.send(Request.of("GET", "/api/users/me").bearer(access));
        assertEquals(200, me.status(), me::toString);
        assertEquals(userId, me.json().getString("userId"));
        assertEquals("Ada", me.json().getString("displayName"));
        // Storage use and limits belong to the image service (GET /api/images/quota), not to the profile.
        assertEquals(Set.of("userId", "email", "displayName", "bio", "createdAt"), me.json().keySet());
        assertNotNull(me.header("x-request-id"));

        Response patched = api.send(Request.of("PATCH", "/api/users/me").bearer(access)
                                            .json(Json.createObjectBuilder().add("bio", "Counts things.").build()));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals("Counts things.", patched.json().getString("bio"));
        assertEquals("Ada", patched.json().getString("displayName"));

        Response publicProfile = api.get("/api/users/" + userId);
        assertEquals(200, publicProfile.status(), publicProfile::toString);
        assertEquals("Counts things.", publicProfile.json().getString("bio"));
        assertFalse(publicProfile.json().containsKey("email"), "the public profile must not reveal the email");

        String refreshToken = tokens.getString("refreshToken");
        Response refreshed = api.post("/api/users/refresh",
                                      Json.createObjectBuilder().add("refreshToken", refreshToken).build());
        assertEquals(200, refreshed.status(), refreshed::toString);
        String newAccess = refreshed.json().getString("accessToken");
        assertEquals(200, api.send(Request.of("GET", "/api/users/me").bearer(newAccess)).status());

        Response loggedOut = api.send(Request.of("POST", "/api/users/logout").bearer(newAccess)
                                              .json(Json.createObjectBuilder()
                                                            .add("refreshToken", refreshToken).build()));
        assertEquals(204, loggedOut.status(), loggedOut::toString);

        Response refused = api.post("/api/users/refresh",
                                    Json.createObjectBuilder().add("refreshToken", refreshToken).build());
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("application/problem+json", refused.header("content-type"));
        return email;
    }

    public static JsonObject login(Api api, String email) {
        Response login = api.post("/api/users/login", Json.createObjectBuilder()
                .add("email", email).add("password", PASSWORD).build());
        assertEquals(200, login.status(), login::toString);
        return login.json();
    }

    /** Registers and confirms an account; returns its tokens. */
    static JsonObject signedUp(Api api, String email) {
        Response registered = api.post("/api/users/register", Json.createObjectBuilder()
                .add("email", email).add("password", PASSWORD).add("displayName", "Grace").build());
        assertEquals(201, registered.status(), registered::toString);
        assertEquals(204, api.post("/api/users/confirm", Json.createObjectBuilder()
                .add("email", email).add("code", TestStack.CONFIRMATION_CODE).build()).status());
        return login(api, email);
    }
}
