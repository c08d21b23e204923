package dev.cloudgallery.localaws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 stand-in as the product uses it: the SDK, a browser's form upload and its CORS preflight, a restart. */
class S3MockTest {
    private static final String BUCKET = "test-images";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesTheSdkAndBrowserUploadsAndKeepsObjectsAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory("s3mock-test");
        int port = Ports.free();
        try (S3Mock s3 = S3Mock.start(data, port, List.of(BUCKET))) {
            try (S3Client client = s3.client()) {
                client.putObject(b -> b.bucket(BUCKET).key("sdk/one").contentType("image/png"),
                                 RequestBody.fromString("png bytes"));
                assertEquals("png bytes", client.getObjectAsBytes(b -> b.bucket(BUCKET).key("sdk/one")).asUtf8String());
            }

            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("key", "originals/owner/image");
            fields.put("Content-Type", "image/jpeg");
            HttpResponse<String> upload = HTTP.send(BrowserUpload.request(s3.endpoint() + "/" + BUCKET, fields,
                                                                          "jpeg bytes".getBytes(StandardCharsets.UTF_8)),
                                                    HttpResponse.BodyHandlers.ofString());
            assertTrue(upload.statusCode() / 100 == 2, () -> upload.statusCode() + " " + upload.body());

            HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + BUCKET))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:8080")
                    .header("Access-Control-Request-Method", "POST")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, preflight.statusCode());
            assertNotNull(preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                          preflight.headers()::toString);
        }

        try (S3Mock again = S3Mock.start(data, port, List.of(BUCKET)); S3Client client = again.client()) {
            HeadObjectResponse head = client.headObject(b -> b.bucket(BUCKET).key("originals/owner/image"));
            assertEquals("image/jpeg", head.contentType());
            assertEquals("jpeg bytes".length(), head.contentLength());
            assertEquals("png bytes", client.getObjectAsBytes(b -> b.bucket(BUCKET).key("sdk/one")).asUtf8String());
        }
    }
}
