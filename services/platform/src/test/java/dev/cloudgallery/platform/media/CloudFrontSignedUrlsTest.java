package dev.cloudgallery.platform.media;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed rendition URLs in the form CloudFront's developer guide gives for a canned policy: the object's URL, then
 * Expires (epoch seconds), Signature (RSA-SHA1 of the policy, base64 with -, _ and ~) and Key-Pair-Id. The signature
 * is checked with the public key against the policy the guide defines, not against the SDK's own code.
 */
class CloudFrontSignedUrlsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void signsACannedPolicyForOneObjectThatThePublicKeyVerifies() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").genKeyPair();
        CloudFrontSignedUrls urls = new CloudFrontSignedUrls("https://gallery.example.com/", "K2JCJMDEHXQW5F",
                                                             pem(keys), Clock.fixed(NOW, ZoneOffset.UTC));

        URI url = urls.url("derivatives/owner/image/thumbnail", Duration.ofMinutes(15));

        assertEquals("https://gallery.example.com/derivatives/owner/image/thumbnail",
                     url.getScheme() + "://" + url.getHost() + url.getPath());
        Map<String, String> query = query(url);
        long expires = NOW.plus(Duration.ofMinutes(15)).getEpochSecond();
        assertEquals(String.valueOf(expires), query.get("Expires"));
        assertEquals("K2JCJMDEHXQW5F", query.get("Key-Pair-Id"));
        String policy = "{\"Statement\":[{\"Resource\":\"https://gallery.example.com/derivatives/owner/image/thumbnail\","
                        + "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
        String signature = query.get("Signature");
        assertFalse(signature.contains("+") || signature.contains("/") || signature.contains("="), signature);
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(policy.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(signature.replace('-', '+').replace('_', '=')
                                                                       .replace('~', '/'))));
    }

    @Test
    void refusesAKeyThatIsNotPkcs8() {
        assertThrows(IllegalStateException.class, () -> new CloudFrontSignedUrls(
                "https://gallery.example.com", "K2JCJMDEHXQW5F", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                                                                 + "-----END RSA PRIVATE KEY-----", Clock.systemUTC()));
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
               + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                       .encodeToString(keys.getPrivate().getEncoded())
               + "\n-----END PRIVATE KEY-----\n";
    }

    static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return query;
    }
}
