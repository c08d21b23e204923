package dev.cloudgallery.users.domain;

/** Tokens from a sign-in or a refresh; {@code refreshToken} is null after a refresh. */
public record Session(String accessToken, String idToken, String refreshToken, long expiresIn) {
}
