package dev.cloudgallery.localaws;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Mock, the S3 stand-in, as a process of its own (in-process it clashes with Helidon's metrics). It speaks the S3
 * API on a loopback port, path-style, and keeps buckets and objects under its folder across restarts.
 * <p>
 * Where it differs from S3 (see the README): it checks no signatures, so neither an expired presigned URL nor a POST
 * policy's conditions (size range, type, key) are enforced, which the image service's processing re-checks anyway;
 * it answers every origin's CORS preflight, where the Terraform bucket allows only the site's origin.
 */
public final class S3Mock implements AutoCloseable {
    private static final Path SERVERS = Path.of("services", "local-aws", "servers", "target", "s3mock");

    private final Server server;
    private final int port;

    private S3Mock(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts S3Mock on {@code port} (0: any free one) with {@code buckets}, its data under {@code dataDirectory}. */
    public static S3Mock start(Path dataDirectory, int port, List<String> buckets) {
        Path jars = LocalFiles.find(SERVERS, "S3Mock is not in " + SERVERS + ": build first (make build)");
        int chosen = port == 0 ? Ports.free() : port;
        // S3Mock creates its store but not the store's parent, which Server.start creates before starting it.
        Path store = dataDirectory.resolve("store");
        List<String> command = List.of(
                Server.java(),
                // Spring Boot's launcher reads loader.path: the extension that keeps S3Mock's second connector on
                // loopback joins S3Mock's own class path.
                "-Dloader.path=" + jars.resolve("s3mock-loopback.jar"),
                "-cp", jars.resolve("s3mock.jar").toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--server.ssl.enabled=false",
                "--server.address=127.0.0.1",
                "--server.port=" + chosen,
                // S3Mock always opens a second, plain-HTTP connector; it gets a free port and loopback too.
                "--http.port=" + Ports.free(),
                "--com.adobe.testing.s3mock.store.root=" + store,
                "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
                "--com.adobe.testing.s3mock.store.region=us-east-1",
                "--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets),
                // Images up to the upload limit (25 MiB by default) and a margin.
                "--com.adobe.testing.s3mock.max-payload-size=64MB",
                "--logging.level.root=WARN");
        return new S3Mock(Server.start("s3mock", command, dataDirectory, Map.of(), chosen, Duration.ofSeconds(90)),
                          chosen);
    }

    /** Where SDK clients point their endpoint override (path-style access). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** An SDK client for fixtures. */
    public S3Client client() {
        return LocalFiles.client(S3Client.builder().forcePathStyle(true), endpoint());
    }

    @Override
    public void close() {
        server.close();
    }
}
