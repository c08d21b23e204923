package dev.cloudgallery.images;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.cloudgallery.images.db.ImageRepository;
import dev.cloudgallery.images.domain.ImageStore;
import dev.cloudgallery.images.domain.Images;
import dev.cloudgallery.images.domain.Limits;
import dev.cloudgallery.images.domain.Processing;
import dev.cloudgallery.images.domain.Sweeper;
import dev.cloudgallery.images.processing.ImageProcessor;
import dev.cloudgallery.images.s3.S3ObjectStorage;
import dev.cloudgallery.images.s3.S3UploadTargets;
import dev.cloudgallery.images.sqs.SqsProcessingQueue;
import dev.cloudgallery.platform.aws.AwsClients;
import dev.cloudgallery.platform.db.Database;
import dev.cloudgallery.platform.events.OutboxRelay;
import dev.cloudgallery.platform.media.MediaUrls;

import io.helidon.config.Config;
import software.amazon.awssdk.services.s3.S3Client;
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
        Duration uploadValidity = images.get("upload-validity").as(Duration.class).get();
        S3UploadTargets uploads = new S3UploadTargets(AwsClients.credentials(config, "s3"), region, bucket,
                                                      MediaUrls.browserEndpoint(config).orElse(""), uploadValidity,
                                                      Clock.systemUTC());
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
                new Images(store, uploads, storage, queue, limits, MediaUrls.create(config, bucket),
                           images.get("url-validity").as(Duration.class).get(), relay::relayQuietly,
                           Clock.systemUTC()),
                new Processing(store, storage, processor, limits, relay::relayQuietly),
                new Sweeper(store, storage, queue, images.get("pending-ttl").as(Duration.class).get(), uploadValidity,
                            Clock.systemUTC()),
                relay, sqs, queueUrl);
    }
}
