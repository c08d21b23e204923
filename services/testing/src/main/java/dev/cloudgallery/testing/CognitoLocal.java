package dev.cloudgallery.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * cognito-local, the Cognito emulator, run as a child process from the project's pinned npm install
 * ({@code services/testing/cognito-local}). It speaks the Cognito API on a loopback port, issues RS256 tokens and
 * serves the pool's JWKS under the issuer, so services talk to it with the same SDK calls they make in AWS.
 */
public final class CognitoLocal implements AutoCloseable {
    private static final Path INSTALL = Path.of("services", "testing", "cognito-local", "node_modules",
                                                "cognito-local", "lib");

    private final Process process;
    private final int port;

    private CognitoLocal(Process process, int port) {
        this.process = process;
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
        try {
            Files.createDirectories(dataDirectory);
            ProcessBuilder builder = new ProcessBuilder("node", startScript().toString())
                    .directory(dataDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dataDirectory.resolve("cognito-local.log").toFile());
            builder.environment().put("HOST", "127.0.0.1");
            builder.environment().put("PORT", String.valueOf(chosen));
            builder.environment().put("CODE", confirmationCode);
            Process process = builder.start();
            CognitoLocal cognito = new CognitoLocal(process, chosen);
            Runtime.getRuntime().addShutdownHook(new Thread(cognito::close));
            Ports.awaitListening(chosen, Duration.ofSeconds(30), process);
            return cognito;
        } catch (IOException e) {
            throw new UncheckedIOException("cognito-local did not start", e);
        }
    }

    private static Path startScript() {
        return installed(Path.of("bin", "start.js"));
    }

    /** A file of the pinned npm install, found from the working directory of any module or the repository root. */
    static Path installed(Path file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(INSTALL).resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cognito-local is not installed: run 'make deps' (npm ci in "
                                                + "services/testing/cognito-local)");
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** An SDK client for the emulator, for fixtures (creating pools, confirming users). */
    public CognitoIdentityProviderClient client() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
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
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
