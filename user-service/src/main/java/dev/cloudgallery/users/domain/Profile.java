package dev.cloudgallery.users.domain;

import java.time.Instant;

/** A user's profile, keyed by the Cognito {@code sub}; the account itself (email, password) lives in Cognito. */
public record Profile(String userId, String email, String displayName, String bio, Instant createdAt, Quota quota) {
    /** Upload allowance and use; the image service reports use, the defaults set the allowance. */
    public record Quota(long images, long bytes, long maxImages, long maxBytes) {
    }
}
