package dev.cloudgallery.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.cloudgallery.platform.ServiceConfig;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Deploy-time schema set-up, shipped in every service image: provisions the service's role and schema with the
 * administrator's credentials, then migrates the schema as the service's role.
 * <p>
 * It runs as its own Lambda function (same image, this class as the command) that Terraform invokes on every new
 * image, or as {@code java ... MigrateHandler} in the local stack. Only this function is given the administrator's
 * secret ({@code DB_ADMIN_SECRET_ARN}, or {@code DB_ADMIN_USERNAME} and {@code DB_ADMIN_PASSWORD} locally); the
 * service's API function never sees it. It reads nothing but the {@code db} settings, so it needs no other
 * environment.
 */
public final class MigrateHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int applied = run(ServiceConfig.load().get("db"));
        output.write(("{\"migrationsApplied\":" + applied + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Provisions and migrates the schema described by a service's {@code db} config node. */
    public static int run(Config db) {
        String schema = db.get("schema").asString().get();
        String url = db.get("url").asString().get();
        DatabaseCredentials role = DatabaseCredentials.from(db);
        try (HikariDataSource admin = DatabaseCredentials.from(db.get("admin"), "secret.arn").migrationPool(url)) {
            Schemas.provision(admin, schema, role);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not provision schema " + schema + ": " + e.getMessage(), e);
        }
        try (HikariDataSource service = role.migrationPool(url)) {
            return Schemas.migrate(service, schema);
        }
    }

    /** Command-line entry for the local stack: migrates the service whose config is on the class path. */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        System.out.println("{\"migrationsApplied\":" + run(ServiceConfig.load().get("db")) + "}");
    }
}
