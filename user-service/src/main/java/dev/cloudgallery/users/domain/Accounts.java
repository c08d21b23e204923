package dev.cloudgallery.users.domain;

import java.util.Optional;

import dev.cloudgallery.platform.events.EventPublisher;
import dev.cloudgallery.platform.problem.Problem;

/**
 * The user service's use cases: accounts in Cognito, profiles in the service's own schema.
 * <p>
 * Registration writes to two systems without a shared transaction. The Cognito account is the source of truth: when
 * storing the profile fails after sign-up, registering again with the same password, or the first sign-in of the
 * confirmed account, creates it. Each new or changed profile is published ({@code profile.updated}) through the
 * service's outbox: the gallery shows display names.
 */
public final class Accounts {
    private final IdentityProvider identity;
    private final Profiles profiles;
    private final EventPublisher events;
    private final boolean autoConfirm;

    /**
     * @param events sends the profile events that creating or changing a profile stores
     * @param autoConfirm confirm new accounts without an emailed code; for local development only
     */
    public Accounts(IdentityProvider identity, Profiles profiles, EventPublisher events, boolean autoConfirm) {
        this.identity = identity;
        this.profiles = profiles;
        this.events = events;
        this.autoConfirm = autoConfirm;
    }

    /** A new account; {@code confirmationRequired} says whether the emailed code must be confirmed first. */
    public record Registration(String userId, String email, String displayName, boolean confirmationRequired) {
    }

    public Registration register(String email, String password, String displayName) {
        String normalized = AccountRules.normalizeEmail(email);
        new AccountRules().email(normalized).password(password).displayName(displayName).check();
        String name = displayName.strip();
        String userId = signUpOrResume(normalized, password, name);
        if (autoConfirm) {
            identity.confirmWithoutCode(normalized);
        }
        profiles.createIfAbsent(userId, normalized, name);
        events.publishPending();
        return new Registration(userId, normalized, name, !autoConfirm);
    }

    /**
     * Signs up, or resumes a registration that stopped after the sign-up (the profile could not be stored): a
     * retry with the same email and password of a still unconfirmed account answers as the first attempt would
     * have, instead of a conflict the person can't get past.
     */
    private String signUpOrResume(String email, String password, String displayName) {
        try {
            return identity.signUp(email, password, displayName);
        } catch (Problem problem) {
            if (!problem.type().equals(Problem.TYPE_BASE + IdentityProvider.EMAIL_TAKEN)) {
                throw problem;
            }
            return identity.unconfirmedAccount(email, password).orElseThrow(() -> problem);
        }
    }

    public void confirm(String email, String code) {
        String normalized = AccountRules.normalizeEmail(email);
        new AccountRules().email(normalized).required("code", code).check();
        identity.confirmSignUp(normalized, code.trim());
    }

    /** Signs in; also recreates the profile of an account whose registration stopped half-way. */
    public Session login(String email, String password) {
        String normalized = AccountRules.normalizeEmail(email);
        new AccountRules().required("email", normalized).required("password", password).check();
        Session session = identity.signIn(normalized, password);
        IdentityProvider.Account account = identity.account(session.accessToken());
        if (profiles.find(account.userId()).isEmpty()) {
            profiles.createIfAbsent(account.userId(), account.email(), account.displayName());
            events.publishPending();
        }
        return session;
    }

    public Session refresh(String refreshToken) {
        new AccountRules().required("refreshToken", refreshToken).check();
        return identity.refresh(refreshToken);
    }

    /** Revokes the given refresh token, if any, and signs the account out everywhere. */
    public void logout(String accessToken, String refreshToken) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            identity.revoke(refreshToken);
        }
        identity.signOutEverywhere(accessToken);
    }

    public Profile me(String userId) {
        return profiles.find(userId).orElseThrow(Accounts::noProfile);
    }

    public Profile updateMe(String userId, String displayName, String bio) {
        AccountRules rules = new AccountRules().bio(bio);
        if (displayName != null) {
            rules.displayName(displayName);
        }
        rules.check();
        Profile updated = profiles.update(userId, displayName == null ? null : displayName.strip(), bio)
                .orElseThrow(Accounts::noProfile);
        events.publishPending();
        return updated;
    }

    public Optional<Profile> publicProfile(String userId) {
        return profiles.find(userId);
    }

    private static Problem noProfile() {
        // A valid token without a profile: the account exists but has never signed in through this service.
        return Problem.notFound("No profile exists for this account yet; sign in once to create it.");
    }
}
