package dev.cloudgallery.containers;

import java.nio.file.Path;

/** The repository's root folder, where compose.yaml and the service modules are. */
final class Repository {
    private Repository() {
    }

    static Path root() {
        return Path.of(System.getProperty("repository.root", "../..")).toAbsolutePath().normalize();
    }
}
