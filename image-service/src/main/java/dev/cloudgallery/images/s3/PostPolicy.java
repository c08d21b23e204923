package dev.cloudgallery.images.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonArrayBuilder;

/**
 * A presigned S3 POST: the form fields a browser sends with the file so that S3 itself accepts exactly one object,
 * under the server's key, of the declared type, no larger than the declared size, until the policy expires. The AWS
 * SDK for Java v2 presigns GET and PUT but not POST, so the Signature Version 4 policy signature is made here
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html).
 */
public final class PostPolicy {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The signing identity: the function's role credentials in Lambda, a session token included. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + "]";
        }
    }

    /** What the browser needs: the form's target and its fields, to be sent before the file (named {@code file}). */
    public record Form(Map<String, String> fields, Instant expiresAt) {
    }

    private PostPolicy() {
    }

    /**
     * Signs a POST policy for one object.
     *
     * @param maxBytes the largest body S3 accepts ({@code content-length-range} from 1)
     */
    public static Form sign(Credentials credentials, String region, String bucket, String key, String contentType,
                            long maxBytes, Instant now, Duration validFor) {
        String credential = credentials.accessKeyId() + "/" + DAY.format(now) + "/" + region + "/s3/aws4_request";
        Instant expiresAt = now.plus(validFor);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("x-amz-algorithm", ALGORITHM);
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", TIME.format(now));
        if (credentials.sessionToken() != null && !credentials.sessionToken().isBlank()) {
            fields.put("x-amz-security-token", credentials.sessionToken());
        }
        JsonArrayBuilder conditions = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("bucket", bucket))
                .add(Json.createArrayBuilder().add("content-length-range").add(1).add(maxBytes));
        // Every field but the policy and signature themselves is pinned to its exact value.
        fields.forEach((name, value) -> conditions.add(Json.createObjectBuilder().add(name, value)));
        String policy = Json.createObjectBuilder()
                .add("expiration", EXPIRATION.format(expiresAt))
                .add("conditions", conditions)
                .build()
                .toString();
        String encoded = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        fields.put("policy", encoded);
        fields.put("x-amz-signature", signature(credentials.secretAccessKey(), DAY.format(now), region, encoded));
        return new Form(Map.copyOf(fields), expiresAt);
    }

    /** The SigV4 signature of a Base64-encoded policy: HMAC-SHA256 with the key derived for the day and region. */
    static String signature(String secretAccessKey, String day, String region, String base64Policy) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, base64Policy));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
