package dev.cloudgallery.platform.media;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import dev.cloudgallery.platform.aws.AwsClients;

import io.helidon.common.LazyValue;
import io.helidon.config.Config;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds a service's {@link RenditionUrls} from its configuration, the same for every service that shows images.
 * Deployed ({@code media.base-url} set), CloudFront serves renditions through URLs signed with the media key, its
 * private half read from Secrets Manager once, at the first URL. A local run has no CloudFront and presigns URLs for
 * the S3 stand-in instead, at the address the browser reaches it ({@code s3.public.endpoint}, else
 * {@code s3.endpoint}).
 */
public final class MediaUrls {
    private MediaUrls() {
    }

    /** The endpoint the browser reaches the S3 stand-in at; empty in AWS. */
    public static Optional<String> browserEndpoint(Config root) {
        return root.get("s3.public.endpoint").asString().filter(endpoint -> !endpoint.isBlank())
                .or(() -> AwsClients.endpoint(root, "s3"));
    }

    /**
     * The service's rendition URLs: CloudFront's when {@code media.base-url} is set, else presigned S3 ones. The
     * signer is made when the first URL is asked for, not at init: reading the key (or building the presigner) would
     * cost every cold start, and many first requests show no image.
     */
    public static RenditionUrls create(Config root, String bucket) {
        LazyValue<RenditionUrls> signer = LazyValue.create(() -> signer(root, bucket));
        return new ReusedUrls((key, validity) -> signer.get().url(key, validity), Clock.systemUTC());
    }

    private static RenditionUrls signer(Config root, String bucket) {
        Config media = root.get("media");
        Optional<String> baseUrl = media.get("base-url").asString().filter(url -> !url.isBlank());
        if (baseUrl.isPresent()) {
            String secretArn = media.get("signing-key-secret-arn").asString().get();
            try (SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), root,
                                                                 "secretsmanager")) {
                return new CloudFrontSignedUrls(baseUrl.get(), media.get("key-pair-id").asString().get(),
                                                secrets.getSecretValue(b -> b.secretId(secretArn)).secretString(),
                                                Clock.systemUTC());
            }
        }
        String region = root.get("aws.region").asString()
                .orElseThrow(() -> new IllegalStateException("AWS_REGION is not set"));
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(AwsClients.credentials(root, "s3"))
                // A stand-in answers path-style only.
                .serviceConfiguration(S3Configuration.builder()
                                              .pathStyleAccessEnabled(AwsClients.endpoint(root, "s3").isPresent())
                                              .build());
        browserEndpoint(root).map(URI::create).ifPresent(presigner::endpointOverride);
        return new S3PresignedUrls(presigner.build(), bucket);
    }
}
