package dev.cloudgallery.containers;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image tarball in {@code docker save} format, as Jib's {@code buildTar} writes it, read without a Docker engine:
 * its reference, its config, the paths its layers add and the jars this project built, so tests see exactly what was
 * built.
 */
record ImageTar(Path file, String reference, JsonObject config, Set<String> paths, Map<String, byte[]> ownJars) {
    /** Where Jib puts the service's own jar, and the shared platform library among the dependencies. */
    private static final Pattern OWN_JAR = Pattern.compile("/app/(classpath/[^/]+|libs/platform-[^/]+)\\.jar");

    static ImageTar read(Path file) {
        Map<String, byte[]> members = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    members.put(entry.getName(), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        JsonObject manifest = json(members.get("manifest.json")).asJsonArray().getJsonObject(0);
        JsonObject config = json(members.get(manifest.getString("Config"))).asJsonObject();
        Set<String> paths = new TreeSet<>();
        Map<String, byte[]> ownJars = new HashMap<>();
        for (JsonString layer : manifest.getJsonArray("Layers").getValuesAs(JsonString.class)) {
            readLayer(members.get(layer.getString()), paths, ownJars);
        }
        return new ImageTar(file, manifest.getJsonArray("RepoTags").getString(0), config, paths, ownJars);
    }

    /** The container config: Entrypoint, Cmd, User, Labels, Env, WorkingDir. */
    JsonObject container() {
        return config.getJsonObject("config");
    }

    List<String> strings(String key) {
        JsonArray array = container().getJsonArray(key);
        return array == null ? List.of() : array.getValuesAs(JsonString::getString);
    }

    String label(String name) {
        JsonObject labels = container().getJsonObject("Labels");
        return labels == null ? null : labels.getString(name, null);
    }

    private static void readLayer(byte[] layer, Set<String> paths, Map<String, byte[]> ownJars) {
        try (InputStream raw = new ByteArrayInputStream(layer);
             InputStream in = isGzip(layer) ? new GZIPInputStream(raw) : raw;
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName().replaceFirst("^\\./", "/");
                String path = name.startsWith("/") ? name : "/" + name;
                paths.add(path);
                if (entry.isFile() && OWN_JAR.matcher(path).matches()) {
                    ownJars.put(path, tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a layer", e);
        }
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    private static jakarta.json.JsonValue json(byte[] bytes) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        }
    }
}
