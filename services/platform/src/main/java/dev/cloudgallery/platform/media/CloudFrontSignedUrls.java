package dev.cloudgallery.platform.media;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;

/**
 * Rendition URLs on the site's CloudFront distribution, signed with a canned policy for one object. CloudFront serves
 * {@code /derivatives/*} from the images bucket only against a signature from a key pair it trusts, and adds the
 * site's security headers, {@code X-Content-Type-Options: nosniff} among them, which S3 itself can't send.
 * Each signature is an RSA private-key operation (about 0.8 ms here), which is why {@link ReusedUrls} wraps it.
 */
public final class CloudFrontSignedUrls implements RenditionUrls {
    private static final CloudFrontUtilities CLOUDFRONT = CloudFrontUtilities.create();

    private final String baseUrl;
    private final String keyPairId;
    private final PrivateKey privateKey;
    private final Clock clock;

    /**
     * @param baseUrl       the site's address, e.g. {@code https://gallery.example.com}
     * @param keyPairId     the id of the CloudFront public key in the distribution's trusted key group
     * @param privateKeyPem its private key, PKCS#8 PEM
     */
    public CloudFrontSignedUrls(String baseUrl, String keyPairId, String privateKeyPem, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.keyPairId = keyPairId;
        this.privateKey = privateKey(privateKeyPem);
        this.clock = clock;
    }

    @Override
    public URI url(String key, Duration validity) {
        return URI.create(CLOUDFRONT.getSignedUrlWithCannedPolicy(CannedSignerRequest.builder()
                        .resourceUrl(baseUrl + "/" + key)
                        .keyPairId(keyPairId)
                        .privateKey(privateKey)
                        .expirationDate(clock.instant().plus(validity))
                        .build())
                .url());
    }

    private static PrivateKey privateKey(String pem) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                                                                                                .decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The media signing key is not an RSA private key in PKCS#8 PEM", e);
        }
    }
}
