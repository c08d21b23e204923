package dev.cloudgallery.localaws;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * cognito-local, the Cognito emulator, run as a child process from the project's pinned npm install
 * ({@code services/local-aws/cognito-local}). It speaks the Cognito API on a loopback port, issues RS256 tokens and
 * serves the pool's JWKS under the issuer, so services talk to it with the same SDK calls they make in AWS.
 */
public final class CognitoLocal implements AutoCloseable {
    private static final Path INSTALL = Path.of("services", "local-aws", "cognito-local", "node_modules",
                                                "cognito-local", "lib");

    private final Server server;
    private final int port;

    private CognitoLocal(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** A user pool and its browser app client (no secret, password and refresh-token flows). */
    public record Pool(String poolId, String clientId, String issuer) {
    }

    /**
     * Starts the emulator on {@code port} (0: any free one) keeping its data in {@code dataDirectory}; the
     * confirmation code it sends is always {@code confirmationCode}, so tests and local users can confirm sign-ups.
     */
    public static CognitoLocal start(Path dataDirectory, int port, String confirmationCode) {
        int chosen = port == 0 ? Ports.free() : port;
        Path script = installed(Path.of("bin", "start.js"));
        return new CognitoLocal(Server.start("cognito-local", List.of("node", script.toString()), dataDirectory,
                                             Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(chosen),
                                                    "CODE", confirmationCode),
                                             chosen, Duration.ofSeconds(30)),
                                chosen);
    }

    /** A file of the pinned npm install of cognito-local, e.g. its signing key. */
    public static Path installed(Path file) {
        return LocalFiles.find(INSTALL.resolve(file), "cognito-local is not installed: run 'make deps' (npm ci in "
                                                      + "services/local-aws/cognito-local)");
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** An SDK client for the emulator, for fixtures (creating pools, confirming users). */
    public CognitoIdentityProviderClient client() {
        return LocalFiles.client(CognitoIdentityProviderClient.builder(), endpoint());
    }

    /** The pool named {@code name} with its app client, created the first time and found again after a restart. */
    public Pool pool(String name) {
        try (CognitoIdentityProviderClient cognito = client()) {
            String poolId = cognito.listUserPools(b -> b.maxResults(60)).userPools().stream()
                    .filter(p -> name.equals(p.name()))
                    .map(UserPoolDescriptionType::id)
                    .findFirst()
                    .orElseGet(() -> cognito.createUserPool(b -> b
                            .poolName(name)
                            .usernameAttributes(UsernameAttributeType.EMAIL)
                            .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id());
            String clientId = cognito.listUserPoolClients(b -> b.userPoolId(poolId).maxResults(60))
                    .userPoolClients().stream()
                    .filter(c -> "web".equals(c.clientName()))
                    .map(UserPoolClientDescription::clientId)
                    .findFirst()
                    .orElseGet(() -> cognito.createUserPoolClient(b -> b
                            .userPoolId(poolId)
                            .clientName("web")
                            .generateSecret(false)
                            .enableTokenRevocation(true)
                            .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                               ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                            .userPoolClient().clientId());
            return new Pool(poolId, clientId, endpoint() + "/" + poolId);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
