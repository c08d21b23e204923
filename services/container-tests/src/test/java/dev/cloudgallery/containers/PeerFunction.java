package dev.cloudgallery.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.cloudgallery.testing.api.Api;

import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/**
 * A function the services' cold start is compared with, built by {@code make bench} from Maven Central
 * ({@code bench/peers/<id>}, see its README) into {@code target/function}: {@code lib/} (the whole class path),
 * {@code handler} and {@code environment} (KEY=VALUE lines). It runs in a service image, so on the same JVM, with
 * the same flags and the same runtime interface client as the services; only the class path and the archive differ.
 */
enum PeerFunction {
    /** A bare stream handler that answers every event with a constant: the floor under every function. */
    FLOOR("floor"),
    /** Quarkus (JVM mode) with its HTTP extension for API Gateway and one REST endpoint. */
    QUARKUS("quarkus"),
    /** Spring Boot with aws-serverless-java-container and one controller. */
    SPRING("spring");

    private static final String RIC = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String ARCHIVES = "/archives";
    private static final int TRAINING_REQUESTS = 10;

    private final String id;

    PeerFunction(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** What each peer answers: its one route, as API Gateway sends it. */
    Api.Request request() {
        return Api.Request.of("GET", "/hello");
    }

    /** The function's own environment variables (e.g. Spring's main class), as its build wrote them. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        read("environment").lines().filter(line -> line.contains("=")).forEach(line -> environment.put(
                line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return environment;
    }

    /**
     * The function in {@code runtimeImage}, started like a service image's entrypoint: {@code java}, {@code flags},
     * the class path, the runtime interface client and the handler. Its archives live in a folder of its own, mounted
     * at {@value #ARCHIVES}.
     */
    Containers.LambdaLauncher launcher(String runtimeImage, List<String> flags) {
        List<String> entrypoint = new ArrayList<>(List.of("java"));
        entrypoint.addAll(flags);
        entrypoint.addAll(List.of("-cp", classPath(), RIC));
        return Containers.lambda(runtimeImage, read("handler").strip()).with(container -> mounted(container)
                .withEnv(environment())
                .withCreateContainerCmdModifier(create -> create.withEntrypoint(entrypoint)));
    }

    /**
     * Makes the function's AOT cache the JDK's two-step way: a run of real requests records what the JVM loads and
     * profiles (written as the JVM exits), then a JVM with the same flags and class path assembles the cache.
     * Returns the flag that uses it.
     */
    String trainAotCache(String runtimeImage, List<String> flags, Map<String, String> environment) {
        deleteArchive("app.aotconf");
        deleteArchive("app.aot");
        List<String> record = new ArrayList<>(flags);
        record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + ARCHIVES + "/app.aotconf"));
        launcher(runtimeImage, record).warmRun(request(), environment, TRAINING_REQUESTS);
        List<String> create = new ArrayList<>(List.of("java"));
        create.addAll(flags);
        create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + ARCHIVES + "/app.aotconf",
                              "-XX:AOTCache=" + ARCHIVES + "/app.aot", "-cp", classPath()));
        try (GenericContainer<?> assemble = mounted(Containers.local(runtimeImage))
                .withCreateContainerCmdModifier(command -> command.withEntrypoint(create))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
            assemble.start();
        }
        return flagFor("app.aot", "-XX:AOTCache=");
    }

    /** Makes an AppCDS archive from a run of real requests ({@code -XX:ArchiveClassesAtExit}); returns its flag. */
    String trainAppCds(String runtimeImage, List<String> flags, Map<String, String> environment) {
        deleteArchive("app.jsa");
        List<String> training = new ArrayList<>(flags);
        training.add("-XX:ArchiveClassesAtExit=" + ARCHIVES + "/app.jsa");
        launcher(runtimeImage, training).warmRun(request(), environment, TRAINING_REQUESTS);
        return flagFor("app.jsa", "-XX:SharedArchiveFile=");
    }

    /** The flag that uses the archive, once it exists: the JVM would merely warn and run without a missing one. */
    private String flagFor(String archive, String option) {
        try {
            if (Files.size(archives().resolve(archive)) == 0) {
                throw new IllegalStateException(id + "'s training left an empty " + archive);
            }
        } catch (IOException e) {
            throw new IllegalStateException(id + "'s training left no " + archive, e);
        }
        return option + ARCHIVES + "/" + archive;
    }

    private GenericContainer<?> mounted(GenericContainer<?> container) {
        return container
                .withFileSystemBind(function().toString(), "/function", BindMode.READ_ONLY)
                .withFileSystemBind(archives().toString(), ARCHIVES, BindMode.READ_WRITE);
    }

    private String classPath() {
        try (Stream<Path> jars = Files.list(function().resolve("lib"))) {
            return String.join(":", jars.map(jar -> "/function/lib/" + jar.getFileName()).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path function() {
        Path function = Repository.root().resolve("bench/peers").resolve(id).resolve("target/function");
        if (!Files.isDirectory(function.resolve("lib"))) {
            throw new IllegalStateException(function + " is missing: build the peers first (make bench does)");
        }
        return function;
    }

    /** Writable by the image's user (uid 1000), who writes the archives. */
    private Path archives() {
        Path archives = function().resolveSibling("archives");
        try {
            Files.createDirectories(archives);
            Files.setPosixFilePermissions(archives, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archives;
    }

    private void deleteArchive(String name) {
        try {
            Files.deleteIfExists(archives().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String file) {
        try {
            return Files.readString(function().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
