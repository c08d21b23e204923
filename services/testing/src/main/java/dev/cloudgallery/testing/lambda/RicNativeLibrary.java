package dev.cloudgallery.testing.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The runtime interface client's JNI library, extracted once per test JVM into a folder of its own.
 * <p>
 * Left to itself, the RIC copies the library to the fixed path {@code /tmp/.libaws-lambda-jni.so} and loads it from
 * there. On Lambda one process owns that {@code /tmp}; on a test machine two RIC children starting together
 * overwrite the file under each other, and one dies with SIGBUS inside {@code System.load}. Given the system
 * property below, the RIC loads the named file instead and never writes to {@code /tmp}.
 */
public final class RicNativeLibrary {
    /** The property the RIC reads before falling back to unpacking into {@code /tmp}. */
    public static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static Path extracted;

    private RicNativeLibrary() {
    }

    /** The JVM option that points a RIC child at this JVM's private copy of the library. */
    public static String jvmOption() {
        return "-D" + PROPERTY + "=" + path();
    }

    /** This JVM's copy of the library for the machine's platform, extracted on first use. */
    public static synchronized Path path() {
        if (extracted == null) {
            String name = "libaws-lambda-jni." + platform() + ".so";
            try (InputStream library = RicNativeLibrary.class.getResourceAsStream("/jni/" + name)) {
                if (library == null) {
                    throw new IllegalStateException("The runtime interface client has no JNI library " + name);
                }
                Path directory = Files.createTempDirectory("lambda-ric-jni");
                // Deleted at exit in the reverse order of registration: the file, then its folder.
                directory.toFile().deleteOnExit();
                Path file = directory.resolve(name);
                file.toFile().deleteOnExit();
                Files.copy(library, file);
                extracted = file;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not extract the runtime interface client's JNI library", e);
            }
        }
        return extracted;
    }

    /** The RIC's name for this platform: {@code linux[_musl]-x86_64} or {@code linux[_musl]-aarch_64}. */
    private static String platform() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("The RIC ships no JNI library for " + System.getProperty("os.arch"));
        };
        return (isMusl() ? "linux_musl-" : "linux-") + arch;
    }

    private static boolean isMusl() {
        try (var libs = Files.list(Path.of("/lib"))) {
            return libs.anyMatch(file -> file.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            return false;
        }
    }
}
