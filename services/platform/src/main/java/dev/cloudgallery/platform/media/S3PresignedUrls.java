package dev.cloudgallery.platform.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Rendition URLs presigned for the bucket itself: what local runs use, where no CloudFront stands in front of the S3
 * stand-in. (S3 can't add {@code X-Content-Type-Options}; deployed, {@code CloudFrontSignedUrls} serve them.)
 */
public final class S3PresignedUrls implements RenditionUrls {
    private final S3Presigner presigner;
    private final String bucket;

    public S3PresignedUrls(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public URI url(String key, Duration validity) {
        try {
            return presigner.presignGetObject(b -> b.signatureDuration(validity)
                            .getObjectRequest(g -> g.bucket(bucket).key(key)))
                    .url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
