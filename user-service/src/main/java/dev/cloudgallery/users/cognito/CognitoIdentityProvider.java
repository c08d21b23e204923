package dev.cloudgallery.users.cognito;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.users.domain.IdentityProvider;
import dev.cloudgallery.users.domain.Session;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * {@link IdentityProvider} on Amazon Cognito user pools (email as user name, an app client without secret).
 * <p>
 * Cognito's errors become the API's answers here. cognito-local answers some cases differently from Cognito (a
 * wrong password is {@code InvalidPasswordException} instead of {@code NotAuthorizedException}; unsupported
 * operations answer {@code CognitoLocal#Unsupported} with a 500); each such case is handled where it arises and noted.
 */
public final class CognitoIdentityProvider implements IdentityProvider {
    private static final System.Logger LOGGER = System.getLogger(CognitoIdentityProvider.class.getName());
    // cognito-local's error type is "CognitoLocal#Unsupported"; the SDK keeps the part after '#'.
    private static final String EMULATOR_UNSUPPORTED = "Unsupported";
    private static final String UNCONFIRMED = "unconfirmed";

    private final Supplier<CognitoIdentityProviderClient> cognito;
    private final String userPoolId;
    private final String clientId;

    public CognitoIdentityProvider(Supplier<CognitoIdentityProviderClient> cognito, String userPoolId,
                                   String clientId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
    }

    @Override
    public String signUp(String email, String password, String displayName) {
        return call(() -> cognito.get().signUp(b -> b.clientId(clientId)
                .username(email)
                .password(password)
                .userAttributes(attribute("email", email), attribute("name", displayName))).userSub());
    }

    @Override
    public Optional<String> unconfirmedAccount(String email, String password) {
        try {
            // A confirmed account with this password signs in: the tokens were only a probe.
            revoke(signIn(email, password).refreshToken());
            return Optional.empty();
        } catch (Problem problem) {
            if (problem.status() == 403 && problem.type().equals(Problem.TYPE_BASE + UNCONFIRMED)) {
                // Cognito checks the password before it reports the account unconfirmed, so this is its owner.
                AdminGetUserResponse user = call(() -> cognito.get().adminGetUser(b -> b.userPoolId(userPoolId)
                        .username(email)));
                return user.userAttributes().stream().filter(a -> "sub".equals(a.name()))
                        .map(AttributeType::value).findFirst();
            }
            if (problem.status() == 401) {
                return Optional.empty();
            }
            throw problem;
        }
    }

    @Override
    public void confirmSignUp(String email, String code) {
        call(() -> cognito.get().confirmSignUp(b -> b.clientId(clientId).username(email).confirmationCode(code)));
    }

    @Override
    public void confirmWithoutCode(String email) {
        call(() -> cognito.get().adminConfirmSignUp(b -> b.userPoolId(userPoolId).username(email)));
    }

    @Override
    public Session signIn(String email, String password) {
        AuthenticationResultType result = call(() -> {
            try {
                return cognito.get().initiateAuth(b -> b
                        .clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", password)));
            } catch (InvalidPasswordException e) {
                // cognito-local's answer to a wrong password; Cognito answers NotAuthorizedException.
                throw wrongCredentials();
            }
        }).authenticationResult();
        return session(result);
    }

    @Override
    public Session refresh(String refreshToken) {
        AuthenticationResultType result = call(() -> cognito.get().initiateAuth(b -> b
                .clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))).authenticationResult();
        return session(result);
    }

    @Override
    public Account account(String accessToken) {
        GetUserResponse user = call(() -> cognito.get().getUser(b -> b.accessToken(accessToken)));
        String email = value(user, "email");
        String name = value(user, "name");
        return new Account(value(user, "sub"), email, name == null || name.isBlank() ? email.split("@")[0] : name);
    }

    @Override
    public void revoke(String refreshToken) {
        call(() -> cognito.get().revokeToken(b -> b.clientId(clientId).token(refreshToken)));
    }

    @Override
    public void signOutEverywhere(String accessToken) {
        try {
            call(() -> cognito.get().globalSignOut(b -> b.accessToken(accessToken)));
        } catch (CognitoIdentityProviderException e) {
            // cognito-local implements no GlobalSignOut; Cognito itself never answers with this code.
            if (!EMULATOR_UNSUPPORTED.equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            LOGGER.log(System.Logger.Level.INFO, "GlobalSignOut is not supported by this user pool emulator");
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static String value(GetUserResponse user, String name) {
        return user.userAttributes().stream().filter(a -> name.equals(a.name()))
                .map(AttributeType::value).findFirst().orElse(null);
    }

    private static Session session(AuthenticationResultType result) {
        if (result == null) {
            // A challenge (MFA, new password) instead of tokens: not offered by this pool's configuration.
            throw Problem.forbidden("challenge", "Sign-in challenge", "This account needs a sign-in step the API "
                    + "does not offer.");
        }
        Integer expiresIn = result.expiresIn();
        return new Session(result.accessToken(), result.idToken(), result.refreshToken(),
                           expiresIn != null ? expiresIn : secondsUntilExpiry(result.accessToken()));
    }

    /** cognito-local omits ExpiresIn; the token's own exp claim says the same thing. */
    private static long secondsUntilExpiry(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        long exp = Json.createReader(new java.io.StringReader(payload)).readObject().getJsonNumber("exp").longValue();
        return Math.max(0, exp - Instant.now().getEpochSecond());
    }

    /** Runs a Cognito call and turns its client errors into the API's problems; outages stay exceptions (503). */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (UsernameExistsException e) {
            throw Problem.conflict(EMAIL_TAKEN, "An account with this email exists already.");
        } catch (InvalidPasswordException e) {
            throw Problem.validation("password", "does not meet the password policy");
        } catch (UserNotConfirmedException e) {
            throw Problem.forbidden(UNCONFIRMED, "Account not confirmed",
                                    "Confirm the account with the code sent by email before signing in.");
        } catch (NotAuthorizedException | UserNotFoundException e) {
            throw wrongCredentials();
        } catch (CodeMismatchException | ExpiredCodeException e) {
            throw Problem.validation("code", "is wrong or has expired");
        } catch (InvalidParameterException e) {
            throw Problem.badRequest("The request was refused by the identity provider: check the fields.");
        } catch (TooManyRequestsException | LimitExceededException e) {
            throw Problem.of(429, "rate-limited", "Too many requests", "Too many attempts; wait a moment.");
        }
    }

    /** One answer for an unknown email, a wrong password and a dead token, so accounts can't be probed. */
    private static Problem wrongCredentials() {
        return Problem.unauthorized("Wrong email or password, or the token is no longer valid.");
    }
}
