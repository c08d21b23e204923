package dev.cloudgallery.images;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.cloudgallery.images.cdn.CloudFrontSignedUrls;
import dev.cloudgallery.images.db.ImageRepository;
import dev.cloudgallery.images.domain.ImageStore;
import dev.cloudgallery.images.domain.Images;
import dev.cloudgallery.images.domain.Limits;
import dev.cloudgallery.images.domain.Processing;
import dev.cloudgallery.images.domain.RenditionUrls;
import dev.cloudgallery.images.domain.Sweeper;
import dev.cloudgallery.images.processing.ImageProcessor;
import dev.cloudgallery.images.s3.S3ObjectStorage;
import dev.cloudgallery.images.s3.S3PresignedUrls;
import dev.cloudgallery.images.s3.S3UploadTargets;
import dev.cloudgallery.images.sqs.SqsProcessingQueue;
import dev.cloudgallery.platform.aws.AwsClients;
import dev.cloudgallery.platform.db.Database;
import dev.cloudgallery.platform.events.OutboxRelay;

import io.helidon.config.Config;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The service's parts, built once from its configuration (the {@code images} node of application.yaml): what the
 * API uses and what the processing worker uses, over the same schema, bucket and queue.
 */
record Components(Images images, Processing processing, Sweeper sweeper, OutboxRelay relay, SqsClient sqs,
                  String queueUrl) {

    static Components create(Config config, Database database) {
        Config images = config.get("images");
        Limits limits = new Limits(images.get("max-upload-bytes").asLong().get(),
                                   images.get("max-images-per-owner").asLong().get(),
                                   images.get("max-bytes-per-owner").asLong().get());
        String bucket = images.get("bucket").asString().get();
        String region = config.get("aws.region").asString()
                .orElseThrow(() -> new IllegalStateException("AWS_REGION is not set"));
        boolean standIn = AwsClients.endpoint(config, "s3").isPresent();
        // Upload targets and rendition URLs are for the browser, which may reach a stand-in at another address than
        // the service does (compose's gateway proxies it); in AWS both use the bucket's regional endpoint.
        Optional<String> browserEndpoint = config.get("s3.public.endpoint").asString().filter(e -> !e.isBlank())
                .or(() -> AwsClients.endpoint(config, "s3"));
        Duration uploadValidity = images.get("upload-validity").as(Duration.class).get();
        S3UploadTargets uploads = new S3UploadTargets(AwsClients.credentials(config, "s3"), region, bucket,
                                                      browserEndpoint.orElse(""), uploadValidity, Clock.systemUTC());
        // A stand-in answers path-style only.
        S3Client s3 = AwsClients.build(S3Client.builder().forcePathStyle(standIn), config, "s3");
        S3ObjectStorage storage = new S3ObjectStorage(s3, bucket);
        SqsClient sqs = AwsClients.build(SqsClient.builder(), config, "sqs");
        String queueUrl = images.get("processing-queue-url").asString().get();
        SqsProcessingQueue queue = new SqsProcessingQueue(sqs, queueUrl);
        ImageStore store = new ImageRepository(database.client());
        OutboxRelay relay = new OutboxRelay(database.client(), sqs, Map.of(
                "gallery-events", config.get("events.gallery-queue-url").asString().get()));
        ImageProcessor processor = new ImageProcessor(new ImageProcessor.Settings(
                images.get("max-pixels").asLong().get(), images.get("medium-edge").asInt().get(),
                images.get("thumbnail-edge").asInt().get()));
        return new Components(
                new Images(store, uploads, storage, queue, limits, renditionUrls(config, region, standIn,
                                                                                 browserEndpoint, bucket),
                           images.get("url-validity").as(Duration.class).get(), relay::relayQuietly,
                           Clock.systemUTC()),
                new Processing(store, storage, processor, limits, relay::relayQuietly),
                new Sweeper(store, storage, queue, images.get("pending-ttl").as(Duration.class).get(), uploadValidity,
                            Clock.systemUTC()),
                relay, sqs, queueUrl);
    }

    /**
     * Deployed, CloudFront serves renditions through URLs signed with the media key (its private half read from
     * Secrets Manager once, at init); a local run has no CloudFront, and presigns URLs for the S3 stand-in instead.
     */
    private static RenditionUrls renditionUrls(Config config, String region, boolean standIn,
                                               Optional<String> browserEndpoint, String bucket) {
        Config media = config.get("media");
        Optional<String> baseUrl = media.get("base-url").asString().filter(url -> !url.isBlank());
        if (baseUrl.isPresent()) {
            String secretArn = media.get("signing-key-secret-arn").asString().get();
            try (SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), config,
                                                                 "secretsmanager")) {
                return new CloudFrontSignedUrls(baseUrl.get(), media.get("key-pair-id").asString().get(),
                                                secrets.getSecretValue(b -> b.secretId(secretArn)).secretString(),
                                                Clock.systemUTC());
            }
        }
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(AwsClients.credentials(config, "s3"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(standIn).build());
        browserEndpoint.map(URI::create).ifPresent(presigner::endpointOverride);
        return new S3PresignedUrls(presigner.build(), bucket);
    }
}
