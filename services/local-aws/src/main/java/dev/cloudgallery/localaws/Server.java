package dev.cloudgallery.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in running as a child process, its output appended to a log beside its data. It stops with the JVM that
 * started it, and {@link #close()} stops it at once.
 */
public final class Server implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private Server(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code directory} (created if missing) with {@code environment} added to this JVM's,
     * then waits until something accepts connections on 127.0.0.1:{@code port}.
     */
    static Server start(String name, List<String> command, Path directory, Map<String, String> environment, int port,
                        Duration timeout) {
        try {
            Files.createDirectories(directory);
            Path log = directory.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Server server = new Server(name, builder.start(), log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            try {
                Ports.awaitListening(port, timeout, server.process);
            } catch (IllegalStateException e) {
                server.close();
                throw new IllegalStateException(name + " did not start: " + e.getMessage() + "; see " + log, e);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start", e);
        }
    }

    /** The JVM that runs {@code mainClass} in a stand-in's own JVM: this one's {@code java}. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        stop(process, Duration.ofSeconds(10));
    }

    /**
     * Asks {@code process} to stop (SIGTERM, which runs a JVM's shutdown hooks), and forces it after {@code grace};
     * returns once it has ended.
     */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
