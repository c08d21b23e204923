package dev.cloudgallery.containers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.cloudgallery.platform.db.MigrateHandler;
import dev.cloudgallery.platform.lambda.TrainingRun;
import dev.cloudgallery.localaws.EmbeddedDatabase;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.api.Api;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.LambdaApi;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;
import dev.cloudgallery.users.UserJourney;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service image as Lambda runs it: the image's own entrypoint and command, the function's environment, and the
 * Runtime API served by the harness on the host.
 */
class LambdaModeTest {
    private static final Path COLD_STARTS = Path.of("target", "cold-starts.txt");

    @BeforeAll
    static void freshReport() throws IOException {
        Files.deleteIfExists(COLD_STARTS);
    }

    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void answersAnApiGatewayEvent(ServiceImage image) {
        Map<String, String> environment = TestStack.shared().serviceEnvironment(image.schema());
        Containers.ColdStart coldStart = Containers.lambda(image.load(), image.handler())
                .coldStart(Api.Request.of("GET", "/api/" + image.schema() + "/health"), environment);
        Response health = coldStart.response();
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.json().getString("status"));
        report("%s: cold start in Lambda mode, process start to first response: %d ms%n"
                       .formatted(image.module(), coldStart.time().toMillis()));
    }

    /**
     * The AOT cache is only used by the JVM, flags and class path it was made with; otherwise the JVM silently does
     * without it. {@code -XX:AOTMode=on} turns a cache that can't be mapped into an error, and an application class
     * found in it proves the class path fits too. (The class, TrainingRun without its arguments, prints its usage and
     * exits 2, hence the shell around it.)
     */
    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void aotCacheFitsTheImagesJvmAndClassPath(ServiceImage image) {
        List<String> entrypoint = image.tar().strings("Entrypoint");
        List<String> command = new ArrayList<>(entrypoint.subList(0, entrypoint.size() - 1));
        command.addAll(List.of("-XX:AOTMode=on", "-Xlog:class+load=info", TrainingRun.class.getName()));
        try (GenericContainer<?> jvm = Containers.local(image.load())
                .withCreateContainerCmdModifier(create -> create.withEntrypoint(
                        "sh", "-c", String.join(" ", command) + "; exit 0"))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            jvm.start();
            assertTrue(jvm.getLogs().contains(TrainingRun.class.getName() + " source: shared objects file"),
                       jvm::getLogs);
        }
    }

    @Test
    void userJourneyThroughTheUserServiceImage() {
        ServiceImage image = ServiceImage.USERS;
        try (LambdaRuntimeHarness function = start(image, image.handler(),
                                                   TestStack.shared().serviceEnvironment(image.schema()))) {
            UserJourney.run(new LambdaApi(function));
            assertLogsOnlyJson(function.output());
        }
    }

    /** CloudWatch Logs Insights queries the function's log as JSON lines, from the first line of init on. */
    private static void assertLogsOnlyJson(String log) {
        assertTrue(log.contains("\"logger\":\"request\""), log);
        log.lines().filter(line -> !line.isBlank()).forEach(line -> {
            try (var reader = Json.createReader(new StringReader(line))) {
                reader.readObject();
            } catch (JsonException e) {
                throw new AssertionError("not a JSON log line: " + line, e);
            }
        });
    }

    /**
     * The deploy-time migration function: the same image with MigrateHandler as its command and nothing but the
     * database settings, run twice as Terraform may, against a database of its own that starts empty.
     */
    @ParameterizedTest
    @EnumSource(ServiceImage.class)
    void migrationFunctionNeedsOnlyTheDatabaseSettings(ServiceImage image) throws IOException {
        EmbeddedDatabase database = TestStack.shared().database();
        String name = image.schema() + "_migration_test";
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DB_URL", database.createDatabase(name));
        environment.put("DB_SECRET_ARN", "");
        environment.put("DB_USERNAME", name);
        environment.put("DB_PASSWORD", "migration-test-password");
        environment.put("DB_ADMIN_USERNAME", "postgres");
        environment.put("DB_ADMIN_PASSWORD", "");
        String handler = MigrateHandler.class.getName() + "::handleRequest";
        try (LambdaRuntimeHarness function = start(image, handler, environment)) {
            JsonObject empty = Json.createObjectBuilder().build();
            assertEquals(migrationCount(image), function.invoke(empty).getInt("migrationsApplied"));
            assertEquals(0, function.invoke(empty).getInt("migrationsApplied"));
        }
    }

    private static LambdaRuntimeHarness start(ServiceImage image, String handler, Map<String, String> environment) {
        return LambdaRuntimeHarness.start(handler, environment, Containers.lambda(image.load(), handler));
    }

    /** The service's own migrations and those of the platform's tables, which every schema gets. */
    private static long migrationCount(ServiceImage image) throws IOException {
        Path platform = image.moduleDirectory().resolve(Path.of("..", "services", "platform", "src", "main",
                                                                "resources", "db", "platform"));
        return sqlFiles(image.moduleDirectory().resolve(Path.of("src", "main", "resources", "db", "migration",
                                                                image.schema())))
               + sqlFiles(platform);
    }

    private static long sqlFiles(Path migrations) throws IOException {
        if (!Files.isDirectory(migrations)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(migrations)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql")).count();
        }
    }

    /** Cold start, reported rather than asserted: it depends on the machine. `make bench` measures it properly. */
    private static void report(String line) {
        System.out.print(line);
        try {
            Files.writeString(COLD_STARTS, line, StandardCharsets.UTF_8,
                              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
