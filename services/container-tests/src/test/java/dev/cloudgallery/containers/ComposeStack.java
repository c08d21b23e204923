package dev.cloudgallery.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's compose.yaml under a project name of its own, driven through the {@code docker compose} CLI as
 * a developer drives it. Its output goes to {@code target/compose-<project>.log}, whose tail failures include.
 */
final class ComposeStack {
    private static final long TIMEOUT_MINUTES = 5;

    private final String project;
    private final Map<String, String> environment;
    private final Path log;

    ComposeStack(String project, Map<String, String> environment) {
        this.project = project;
        this.environment = environment;
        this.log = Path.of("target", "compose-" + project + ".log").toAbsolutePath();
    }

    /** {@code up -d}: returns once every depends_on condition held and the gateway started. */
    void up() {
        run("up", "-d");
    }

    /** {@code down}: removes the containers and the network, keeps the volumes. */
    void down() {
        run("down");
    }

    /** {@code down -v}: removes the volumes too. */
    void destroy() {
        run("down", "-v", "--remove-orphans");
    }

    private void run(String... arguments) {
        List<String> command = compose(arguments);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Repository.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took over " + TIMEOUT_MINUTES + " minutes"
                                         + details());
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed with " + process.exitValue()
                                         + details());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> compose(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", project, "-f",
                                                       Repository.root().resolve("compose.yaml").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The CLI's output and the containers' recent logs, for a failure message. */
    private String details() throws IOException, InterruptedException {
        Process logs = new ProcessBuilder(compose("logs", "--no-color", "--tail", "40"))
                .directory(Repository.root().toFile())
                .redirectErrorStream(true)
                .start();
        String containers = new String(logs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        logs.waitFor(1, TimeUnit.MINUTES);
        String output = Files.readString(log);
        return System.lineSeparator() + "--- " + log + " ---" + System.lineSeparator()
               + output.substring(Math.max(0, output.length() - 4000))
               + System.lineSeparator() + "--- container logs ---" + System.lineSeparator() + containers;
    }
}
