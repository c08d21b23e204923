package dev.cloudgallery.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigFilters;
import io.helidon.config.ConfigSources;

/**
 * Loads a service's configuration the same way in every environment.
 * <p>
 * {@code application.yaml} on the class path holds the defaults and names every deploy-time setting as a
 * {@code ${ENV_NAME}} reference, so the file itself documents which environment variables a deployment must set.
 * Environment variables and system properties override any key (Helidon maps {@code DB_URL} to {@code db.url}).
 */
public final class ServiceConfig {
    private ServiceConfig() {
    }

    /** The configuration of a deployed service: environment, system properties, then application.yaml. */
    public static Config load() {
        return load(Map.of());
    }

    /**
     * The same configuration with extra values of highest priority, read like environment variables: tests and the
     * local stack pass exactly what a deployment would set ({@code DB_URL}, which also answers as {@code db.url}).
     */
    public static Config load(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        overrides.forEach((name, value) -> {
            // The same alias Helidon gives an environment variable: DB_USERNAME is also db.username.
            values.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            values.put(name, value);
        });
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                // Sources in priority order: the first that has a key wins.
                .sources(List.of(ConfigSources.create(values),
                                 ConfigSources.environmentVariables(),
                                 ConfigSources.systemProperties(),
                                 ConfigSources.classpath("application.yaml")))
                // A deploy-time setting that nobody provided must stop the service, not reach it as "${NAME}".
                .disableValueResolving()
                .addFilter(ConfigFilters.valueResolving().failOnMissingReference(true))
                .build();
    }
}
