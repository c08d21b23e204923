package dev.cloudgallery.containers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.cloudgallery.gallery.GalleryLambda;
import dev.cloudgallery.images.ImagesLambda;
import dev.cloudgallery.users.UsersLambda;

import org.testcontainers.DockerClientFactory;

/**
 * A service's image as the build left it ({@code <service>/target/jib-image.tar}), with what a deployment gives it:
 * the Lambda handler Terraform passes as the image command, and the main class the compose stack runs instead.
 */
enum ServiceImage {
    USERS("user-service", "users", UsersLambda.class, dev.cloudgallery.users.Main.class),
    IMAGES("image-service", "images", ImagesLambda.class, dev.cloudgallery.images.Main.class),
    GALLERY("gallery-service", "gallery", GalleryLambda.class, dev.cloudgallery.gallery.Main.class);

    /** The class path the image's entrypoint and the compose stack's override both use. */
    static final String CLASS_PATH = "@/app/jib-classpath-file";
    /** The AOT cache the build's training run made with the image's own JVM. */
    static final String AOT_CACHE = "/app/cds/app.aot";

    private final String module;
    private final String schema;
    private final Class<?> lambda;
    private final Class<?> main;
    private ImageTar tar;
    private boolean loaded;

    ServiceImage(String module, String schema, Class<?> lambda, Class<?> main) {
        this.module = module;
        this.schema = schema;
        this.lambda = lambda;
        this.main = main;
    }

    String module() {
        return module;
    }

    /** The database schema the service owns; also its path prefix, /api/&lt;schema&gt;. */
    String schema() {
        return schema;
    }

    String handler() {
        return lambda.getName() + "::handleRequest";
    }

    String mainClass() {
        return main.getName();
    }

    Path moduleDirectory() {
        return Repository.root().resolve(module);
    }

    synchronized ImageTar tar() {
        if (tar == null) {
            Path file = moduleDirectory().resolve("target").resolve("jib-image.tar");
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: build the images first (mvn -Pimages package)");
            }
            tar = ImageTar.read(file);
        }
        return tar;
    }

    /** Loads the image into the Docker engine, once per test run; returns its reference (name:tag). */
    synchronized String load() {
        if (!loaded) {
            try (InputStream in = Files.newInputStream(tar().file())) {
                DockerClientFactory.instance().client().loadImageCmd(in).exec();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loaded = true;
        }
        return tar().reference();
    }

    /**
     * Trains an AppCDS archive for this image the way the build trains its AOT cache (the same script, training run
     * and flags, on the image Jib built without a cache), for {@code make bench} to compare the two; returns the
     * folder that holds {@code app.jsa}.
     */
    Path trainAppCds() {
        Path target = moduleDirectory().resolve("target");
        Path archive = target.resolve("bench-cds");
        try {
            Process training = new ProcessBuilder("bash",
                    Repository.root().resolve("services/containers/train-archive.sh").toString(), "cds",
                    target.resolve("jib-untrained.tar").toString(), handler(), archive.toString())
                    .inheritIO().start();
            if (training.waitFor() != 0) {
                throw new IllegalStateException("the AppCDS training run of " + module + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return archive;
    }
}
