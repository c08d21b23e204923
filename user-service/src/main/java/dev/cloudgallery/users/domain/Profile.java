package dev.cloudgallery.users.domain;

import java.time.Instant;

/** A user's profile, keyed by the Cognito {@code sub}; the account itself (email, password) lives in Cognito. */
public record Profile(String userId, String email, String displayName, String bio, Instant createdAt) {
}
