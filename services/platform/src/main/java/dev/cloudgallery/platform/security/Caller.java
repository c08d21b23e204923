package dev.cloudgallery.platform.security;

/**
 * The authenticated user of a request: {@code userId} is the Cognito {@code sub}, {@code username} the Cognito
 * user name, and {@code accessToken} the raw bearer token, for calls that act as the user (e.g. GlobalSignOut).
 */
public record Caller(String userId, String username, String accessToken) {
    @Override
    public String toString() {
        // The token is a credential: never let it reach a log line through toString.
        return "Caller[userId=" + userId + ", username=" + username + "]";
    }
}
