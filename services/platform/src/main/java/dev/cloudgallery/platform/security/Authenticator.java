package dev.cloudgallery.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.cloudgallery.platform.problem.Problem;

import io.helidon.common.configurable.Resource;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.security.AuthenticationResponse;
import io.helidon.security.Principal;
import io.helidon.security.Security;
import io.helidon.security.SecurityContext;
import io.helidon.security.SecurityEnvironment;
import io.helidon.security.SecurityResponse;
import io.helidon.security.providers.oidc.OidcProvider;
import io.helidon.security.providers.oidc.common.OidcConfig;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Validates Cognito bearer tokens with Helidon Security's OIDC provider, then applies the checks it lacks:
 * only access tokens ({@code token_use = access}) issued to one of our app clients ({@code client_id}) are accepted
 * (OWASP ASVS 9.2.2, 9.2.3). An ID token is signed by the same pool and would otherwise pass.
 * <p>
 * Handlers opt in per route with {@link #required} or {@link #optional}, so an unprotected route is visible in the
 * routing code. Construction fails when the issuer or the client ids are missing: a service with no token check
 * configured must not start (Helidon would otherwise let "secured" routes through).
 * <p>
 * Helidon Security itself is built on a thread of its own, started by {@link #create}: it is the longest step of a
 * service's start-up (the OIDC provider's HTTP client and TLS set-up, the pool's keys fetched over the network), and
 * the rest of start-up (database pool, SDK clients, server) runs beside it. The first token check waits for it. If it
 * failed (the pool's keys unreachable), token checks answer 503 and the next one tries again: the check fails closed
 * and heals itself, where a failed start would have taken the whole function down.
 */
public final class Authenticator {
    private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());

    private final Supplier<Security> starter;
    private final Duration startTimeout;
    private final Set<String> clientIds;
    private CompletableFuture<Security> security;

    private Authenticator(Supplier<Security> starter, Duration startTimeout, Set<String> clientIds) {
        this.starter = starter;
        this.startTimeout = startTimeout;
        this.clientIds = clientIds;
        this.security = start();
    }

    /**
     * Builds the authenticator from the {@code auth} config node: {@code issuer} (the user pool URL, e.g.
     * {@code https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc}) and {@code client-ids} (comma-separated);
     * {@code start-timeout} (default 10 s) bounds a start. The signing keys are read once, in the background from
     * start-up on, from the pool's JWKS.
     */
    public static Authenticator create(Config auth) {
        String issuer = auth.get("issuer").asString().filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException("auth.issuer is not configured: refusing to start"));
        Set<String> clientIds = Arrays.stream(auth.get("client-ids").asString().orElse("").split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (clientIds.isEmpty()) {
            throw new IllegalStateException("auth.client-ids is not configured: refusing to start");
        }
        Duration startTimeout = auth.get("start-timeout").as(Duration.class).orElse(Duration.ofSeconds(10));
        return new Authenticator(() -> oidcSecurity(issuer, clientIds.iterator().next()), startTimeout, clientIds);
    }

    private static Security oidcSecurity(String issuer, String clientId) {
        OidcConfig oidc = OidcConfig.builder()
                .identityUri(URI.create(issuer))
                .issuer(issuer)
                // Cognito publishes its keys at a fixed path under the issuer. Reading them directly saves the
                // discovery round trip at every cold start, and cognito-local's discovery document names a
                // hard-wired host instead of its own.
                .oidcMetadataWellKnown(false)
                .signJwk(Resource.create(URI.create(issuer + "/.well-known/jwks.json")))
                .clientId(clientId)
                // Mandatory in Helidon's builder, never used: bearer validation needs no client authentication.
                .clientSecret("unused")
                .useHeader(true)
                .useCookie(false)
                .redirect(false)
                // No cookies are read or written, but any cookie with encryption enabled makes Helidon write a
                // generated key to the working directory, which is read-only in Lambda and in the image.
                .cookieEncryptionEnabled(false)
                .cookieEncryptionEnabledIdToken(false)
                .cookieEncryptionEnabledTenantName(false)
                .cookieEncryptionEnabledRefreshToken(false)
                .cookieEncryptionEnabledState(false)
                // Cognito access tokens carry no aud claim; client_id is checked below instead.
                .checkAudience(false)
                .build();
        return Security.builder().addAuthenticationProvider(OidcProvider.create(oidc)).build();
    }

    private CompletableFuture<Security> start() {
        // Helidon reads the JWKS without a timeout of its own: a pool that never answers must still end in a 503 and
        // a new attempt, not in token checks that wait forever.
        return CompletableFuture.supplyAsync(starter, task -> Thread.ofPlatform().name("authenticator-start")
                .daemon().start(task)).orTimeout(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Helidon Security once built; if building it failed, a 503 now and a new attempt for the next request. */
    private Security security() {
        CompletableFuture<Security> current;
        synchronized (this) {
            current = security;
        }
        try {
            return current.join();
        } catch (CompletionException e) {
            synchronized (this) {
                if (security == current) {
                    LOG.log(System.Logger.Level.ERROR, "Token checks can't start; trying again", e.getCause());
                    security = start();
                }
            }
            throw Problem.unavailable("Sign-in can't be checked right now. Try again in a moment.");
        }
    }

    /** A handler that runs only for a valid caller; anything else is a 401 problem. */
    public Handler required(AuthenticatedHandler handler) {
        return (req, res) -> handler.handle(req, res, authenticate(req));
    }

    /** A handler for routes where a caller is optional; a token that is present must still be valid. */
    public Handler optional(OptionallyAuthenticatedHandler handler) {
        return (req, res) -> handler.handle(req, res, req.headers().contains(HeaderNames.AUTHORIZATION)
                ? Optional.of(authenticate(req))
                : Optional.empty());
    }

    /** Authenticates the request's bearer token and registers the caller in the request context. */
    public Caller authenticate(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (header.isBlank()) {
            throw Problem.missingCredentials();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw Problem.unauthorized("Use an Authorization header of the form 'Bearer <access token>'.");
        }
        SecurityContext context = security().contextBuilder(String.valueOf(req.id()))
                .env(SecurityEnvironment.builder()
                             .method(req.prologue().method().text())
                             .path(req.path().path())
                             .header("Authorization", List.of(header))
                             .build())
                .build();
        AuthenticationResponse response = context.atnClientBuilder().submit();
        if (response.status() != SecurityResponse.SecurityStatus.SUCCESS) {
            throw Problem.unauthorized("The access token is invalid or has expired.");
        }
        Principal principal = response.user().orElseThrow().principal();
        if (!"access".equals(claim(principal, "token_use"))) {
            throw Problem.unauthorized("Only access tokens are accepted.");
        }
        String clientId = claim(principal, "client_id");
        if (clientId == null || !clientIds.contains(clientId)) {
            throw Problem.unauthorized("The access token was issued to another client.");
        }
        String username = Optional.ofNullable(claim(principal, "username")).orElse(principal.getName());
        Caller caller = new Caller(principal.id(), username, header.substring(7).trim());
        req.context().register(caller);
        return caller;
    }

    private static String claim(Principal principal, String name) {
        return principal.abacAttribute(name).map(String::valueOf).orElse(null);
    }

    /** A route handler that receives the authenticated caller. */
    @FunctionalInterface
    public interface AuthenticatedHandler {
        void handle(ServerRequest req, ServerResponse res, Caller caller) throws Exception;
    }

    /** A route handler whose caller may be anonymous. */
    @FunctionalInterface
    public interface OptionallyAuthenticatedHandler {
        void handle(ServerRequest req, ServerResponse res, Optional<Caller> caller) throws Exception;
    }
}
