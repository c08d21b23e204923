package dev.cloudgallery.users.domain;

import java.util.Optional;

/**
 * The account operations the user service needs from Amazon Cognito. Implementations translate the provider's
 * failures into {@link dev.cloudgallery.platform.problem.Problem}s with the API's statuses.
 */
public interface IdentityProvider {
    /** The problem {@link #signUp} throws when an account with the email exists already. */
    String EMAIL_TAKEN = "email-taken";

    /**
     * Creates an unconfirmed account and returns its immutable user id (the Cognito {@code sub}); a
     * {@link #EMAIL_TAKEN} conflict when the email has an account.
     */
    String signUp(String email, String password, String displayName);

    /**
     * The user id of the account {@code email} when it is still unconfirmed and {@code password} is its password:
     * the same person registering again, e.g. after a failure that followed the sign-up. Empty for a confirmed
     * account or another password.
     */
    Optional<String> unconfirmedAccount(String email, String password);

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
