package dev.cloudgallery.users.domain;

/**
 * The account operations the user service needs from Amazon Cognito. Implementations translate the provider's
 * failures into {@link dev.cloudgallery.platform.problem.Problem}s with the API's statuses.
 */
public interface IdentityProvider {
    /** Creates an unconfirmed account and returns its immutable user id (the Cognito {@code sub}). */
    String signUp(String email, String password, String displayName);

    void confirmSignUp(String email, String code);

    /** Confirms an account without a code: a development convenience, off in production. */
    void confirmWithoutCode(String email);

    Session signIn(String email, String password);

    Session refresh(String refreshToken);

    /** The account's attributes, for recreating a profile that registration failed to store. */
    Account account(String accessToken);

    /** Revokes a refresh token (and the access tokens it issued). */
    void revoke(String refreshToken);

    /** Invalidates every token of the account on every device. */
    void signOutEverywhere(String accessToken);

    /** The attributes of an account that the profile needs. */
    record Account(String userId, String email, String displayName) {
    }
}
