package dev.cloudgallery.containers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each image is made of, read from the tarball the build wrote, without starting it. */
class ImageStructureTest {
    private static final String RIC = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * Build tools, version control and credentials have no business in a runtime image. Public CA certificates are
     * .pem files too, so .pem counts only among what the build adds, under /app.
     */
    private static final Pattern FORBIDDEN = Pattern.compile(
            ".*/(javac|jar|jlink|jshell|jdeps|mvn|gradle|gcc|cc|make|git)"
            + "|.*/\\.(git|m2|aws|ssh|gnupg|docker)(/.*)?"
            + "|.*/(\\.env|\\.helidon-oidc-secret|id_rsa|id_ed25519|credentials|settings\\.xml|[^/]+\\.(key|p12|pfx|jks))"
            + "|/app/.*\\.pem");

    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void entrypointIsTheLambdaRuntimeClientWithTheHandlerAsCommand(ServiceImage image) {
        ImageTar tar = image.tar();
        List<String> entrypoint = tar.strings("Entrypoint");
        assertEquals("java", entrypoint.getFirst(), entrypoint::toString);
        assertEquals(RIC, entrypoint.getLast(), entrypoint::toString);
        assertTrue(entrypoint.containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                                                  "-XX:AOTCache=" + ServiceImage.AOT_CACHE)),
                   () -> "the Lambda start-up flags are missing: " + entrypoint);
        assertTrue(tar.paths().contains(ServiceImage.AOT_CACHE), "the AOT cache is missing");
        assertEquals(List.of("-cp", ServiceImage.CLASS_PATH),
                     entrypoint.subList(entrypoint.size() - 3, entrypoint.size() - 1));
        // Terraform passes the same handler as image_config.command; the image's own command must match it.
        assertEquals(List.of(image.handler()), tar.strings("Cmd"));
        assertTrue(tar.paths().contains("/app/jib-classpath-file"), "the class path file is missing");
    }

    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void runsAsAnUnprivilegedUser(ServiceImage image) {
        String user = image.tar().container().getString("User", "");
        assertFalse(user.isEmpty(), "no user: the image would run as root");
        assertNotEquals("0", user.split(":")[0]);
        assertNotEquals("root", user.split(":")[0]);
    }

    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void carriesOciLabelsAndAFixedCreationTime(ServiceImage image) {
        ImageTar tar = image.tar();
        assertEquals(image.module(), tar.label("org.opencontainers.image.title"));
        assertTrue(tar.label("org.opencontainers.image.source").startsWith("https://"),
                   tar.label("org.opencontainers.image.source"));
        assertFalse(tar.label("org.opencontainers.image.version").isBlank());
        assertFalse(tar.label("org.opencontainers.image.revision").isBlank());
        // Jib's fixed timestamps are what make two builds of the same sources the same image.
        assertEquals("1970-01-01T00:00:00Z", tar.config().getString("created"));
    }

    /** Jib copies jars as they are, so the image is reproducible only if the project's own jars are. */
    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void ownJarsHaveFixedEntryTimes(ServiceImage image) throws IOException {
        Instant fixed = Instant.parse(System.getProperty("build.outputTimestamp"));
        Map<String, byte[]> jars = image.tar().ownJars();
        assertEquals(2, jars.size(), () -> "expected the service's jar and the platform's: " + jars.keySet());
        for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar.getValue()))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    assertEquals(fixed, entry.getLastModifiedTime().toInstant(), jar.getKey() + "!" + entry.getName());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void holdsNoBuildToolsOrSecrets(ServiceImage image) {
        ImageTar tar = image.tar();
        List<String> forbidden = tar.paths().stream().filter(path -> FORBIDDEN.matcher(path).matches()).toList();
        assertEquals(List.of(), forbidden);
        List<String> secretVariables = tar.strings("Env").stream()
                .filter(variable -> variable.split("=", 2)[0].matches("(?i).*(password|secret|token|key).*"))
                .toList();
        assertEquals(List.of(), secretVariables);
    }
}
