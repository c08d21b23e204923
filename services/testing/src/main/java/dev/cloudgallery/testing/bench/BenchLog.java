package dev.cloudgallery.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

import dev.cloudgallery.platform.logging.JsonLogFormatter;

/**
 * A server under load in the benchmark's JVM logs a line per request. Through the build's console pipe, whose stalls
 * would show as the server's, that measures Maven; deployed, a function's log goes to Lambda's log agent. So the log,
 * formatted as ever, goes to a file instead.
 */
public final class BenchLog {
    private BenchLog() {
    }

    /** From now on this JVM's log goes to a new file under {@code target/bench-logs}; returns it. */
    public static synchronized Path toFile(String name) {
        try {
            Path file = Files.createDirectories(Path.of("target", "bench-logs")).resolve(name + ".log")
                    .toAbsolutePath();
            Logger root = Logger.getLogger("");
            FileHandler handler = new FileHandler(file.toString());
            handler.setFormatter(new JsonLogFormatter());
            for (Handler console : root.getHandlers()) {
                root.removeHandler(console);
            }
            root.addHandler(handler);
            System.out.println("Server log: " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
