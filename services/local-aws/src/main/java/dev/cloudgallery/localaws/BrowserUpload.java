package dev.cloudgallery.localaws;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The request a browser sends for an S3 POST upload (POST Object): a multipart form with the grant's fields first
 * and the file last, named {@code file}. For tests and tools that act as the browser.
 */
public final class BrowserUpload {
    private BrowserUpload() {
    }

    public static HttpRequest request(String url, Map<String, String> fields, byte[] file) {
        String boundary = "----cloudgallery" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                + "Content-Type: " + fields.getOrDefault("Content-Type", "application/octet-stream") + "\r\n\r\n")
                                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Origin", "http://localhost:8080")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }
}
