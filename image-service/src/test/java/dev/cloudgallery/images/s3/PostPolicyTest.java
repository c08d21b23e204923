package dev.cloudgallery.images.s3;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostPolicyTest {
    /** AWS's worked example of a browser POST with Signature Version 4 (sigv4-post-example in the S3 API docs). */
    private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String EXAMPLE_POLICY = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";
    private static final String EXAMPLE_SIGNATURE = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";

    private static final PostPolicy.Credentials CREDENTIALS =
            new PostPolicy.Credentials("AKIAIOSFODNN7EXAMPLE", EXAMPLE_SECRET, "session-token");
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");

    @Test
    void signsAwsPublishedExampleToItsPublishedSignature() {
        assertEquals(EXAMPLE_SIGNATURE, PostPolicy.signature(EXAMPLE_SECRET, "20151229", "us-east-1", EXAMPLE_POLICY));
    }

    @Test
    void pinsKeyTypeSizeCredentialAndExpiry() {
        PostPolicy.Form form = PostPolicy.sign(CREDENTIALS, "eu-west-1", "images-bucket", "originals/u/i",
                                               "image/png", 1000, NOW, Duration.ofMinutes(10));

        assertEquals(NOW.plus(Duration.ofMinutes(10)), form.expiresAt());
        assertEquals("originals/u/i", form.fields().get("key"));
        assertEquals("AKIAIOSFODNN7EXAMPLE/20261203/eu-west-1/s3/aws4_request", form.fields().get("x-amz-credential"));
        assertEquals("20261203T101530Z", form.fields().get("x-amz-date"));
        assertEquals("session-token", form.fields().get("x-amz-security-token"));

        JsonObject policy = decode(form.fields().get("policy"));
        assertEquals("2026-12-03T10:25:30.000Z", policy.getString("expiration"));
        List<JsonValue> conditions = policy.getJsonArray("conditions");
        assertTrue(conditions.contains(Json.createObjectBuilder().add("bucket", "images-bucket").build()));
        assertTrue(conditions.contains(Json.createArrayBuilder().add("content-length-range").add(1).add(1000).build()));
        for (String field : List.of("key", "Content-Type", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
                                    "x-amz-security-token")) {
            assertTrue(conditions.contains(Json.createObjectBuilder().add(field, form.fields().get(field)).build()),
                       () -> field + " is not pinned: " + conditions);
        }
        assertFalse(conditions.stream().anyMatch(c -> c instanceof JsonArray array
                                                      && "starts-with".equals(array.getString(0))),
                    "no field may be left open with starts-with");
        assertEquals(PostPolicy.signature(EXAMPLE_SECRET, "20261203", "eu-west-1", form.fields().get("policy")),
                     form.fields().get("x-amz-signature"));
    }

    @Test
    void longTermCredentialsSendNoSecurityToken() {
        PostPolicy.Form form = PostPolicy.sign(new PostPolicy.Credentials("AKID", "secret", null), "us-east-1",
                                               "b", "k", "image/jpeg", 1, NOW, Duration.ofMinutes(5));
        assertFalse(form.fields().containsKey("x-amz-security-token"));
        assertFalse(decode(form.fields().get("policy")).toString().contains("x-amz-security-token"));
    }

    private static JsonObject decode(String base64) {
        String json = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
