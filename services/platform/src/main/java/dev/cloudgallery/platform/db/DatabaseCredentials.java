package dev.cloudgallery.platform.db;

import dev.cloudgallery.platform.json.Json;

import io.helidon.config.Config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.json.JsonObject;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A database role's user name and password. Deployed services name a Secrets Manager secret ({@code secret-arn},
 * JSON with {@code username} and {@code password}, the format RDS uses); local runs, which have no Secrets Manager,
 * leave the ARN empty and give {@code username} and {@code password} directly.
 */
public record DatabaseCredentials(String username, String password) {
    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + "]";
    }

    /**
     * A small pool logged in with these credentials, for provisioning and migration. Flyway holds one connection
     * for its lock while it migrates on another, so one connection would deadlock.
     */
    public HikariDataSource migrationPool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** Reads the credentials named by a config node with {@code secret-arn} or {@code username}/{@code password}. */
    public static DatabaseCredentials from(Config node) {
        return from(node, "secret-arn");
    }

    /**
     * The same with the secret's ARN under {@code secretKey}; the administrator's is {@code secret.arn}, the key
     * Helidon derives from the {@code DB_ADMIN_SECRET_ARN} environment variable.
     */
    public static DatabaseCredentials from(Config node, String secretKey) {
        String arn = node.get(secretKey).asString().orElse("");
        if (!arn.isBlank()) {
            return fromSecret(arn);
        }
        return new DatabaseCredentials(
                node.get("username").asString().orElseThrow(
                        () -> new IllegalStateException(node.key() + "." + secretKey + " or username is required")),
                node.get("password").asString().orElse(""));
    }

    private static DatabaseCredentials fromSecret(String arn) {
        try (SecretsManagerClient client = SecretsManagerClient.create()) {
            String secret = client.getSecretValue(b -> b.secretId(arn)).secretString();
            try (var reader = Json.createReader(new java.io.StringReader(secret))) {
                JsonObject json = reader.readObject();
                return new DatabaseCredentials(json.getString("username"), json.getString("password"));
            }
        }
    }
}
