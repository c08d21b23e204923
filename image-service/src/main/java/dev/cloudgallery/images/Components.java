package dev.cloudgallery.images;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

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
 * The service's parts, built from its configuration (the {@code images} node of application.yaml) over the same
 * schema, bucket and queue. The API and the processing worker each build only the use cases they run: the worker
 * signs no upload target or rendition URL, so its init never reads the media signing key.
 */
final class Components {
    private final Config config;
    private final Config images;
    private final Limits limits;
    private final String bucket;
    private final ImageStore store;
    private final S3ObjectStorage storage;
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;
    private final SqsProcessingQueue queue;
    private final OutboxRelay relay;

    private Components(Config config, Database database) {
        this.config = config;
        this.images = config.get("images");
        this.limits = new Limits(images.get("max-upload-bytes").asLong().get(),
                                 images.get("max-images-per-owner").asLong().get(),
                                 images.get("max-bytes-per-owner").asLong().get());
        this.bucket = images.get("bucket").asString().get();
        this.store = new ImageRepository(database.client());
        // A stand-in answers path-style only.
        this.storage = new S3ObjectStorage(AwsClients.onFirstUse(() -> S3Client.builder().forcePathStyle(
                AwsClients.endpoint(config, "s3").isPresent()), config, "s3"), bucket);
        this.sqs = AwsClients.onFirstUse(SqsClient::builder, config, "sqs");
        this.queueUrl = images.get("processing-queue-url").asString().get();
        this.queue = new SqsProcessingQueue(sqs, queueUrl);
        this.relay = OutboxRelay.toGallery(database.client(), sqs, config);
    }

    static Components create(Config config, Database database) {
        return new Components(config, database);
    }

    /** The API's use cases: upload grants, access, changes. */
    Images images() {
        String region = config.get("aws.region").asString()
                .orElseThrow(() -> new IllegalStateException("AWS_REGION is not set"));
        S3UploadTargets uploads = new S3UploadTargets(AwsClients.credentials(config, "s3"), region, bucket,
                                                      MediaUrls.browserEndpoint(config).orElse(""), uploadValidity(),
                                                      Clock.systemUTC());
        return new Images(store, uploads, storage, queue, limits, MediaUrls.create(config, bucket),
                          images.get("url-validity").as(Duration.class).get(), relay::relayQuietly,
                          Clock.systemUTC());
    }

    /** The worker's processing of one uploaded image. */
    Processing processing() {
        ImageProcessor processor = new ImageProcessor(new ImageProcessor.Settings(
                images.get("max-pixels").asLong().get(), images.get("medium-edge").asInt().get(),
                images.get("thumbnail-edge").asInt().get()));
        return new Processing(store, storage, processor, limits, relay::relayQuietly);
    }

    /** The worker's sweep of uploads nobody completed. */
    Sweeper sweeper() {
        return new Sweeper(store, storage, queue, images.get("pending-ttl").as(Duration.class).get(),
                           uploadValidity(), Clock.systemUTC());
    }

    OutboxRelay relay() {
        return relay;
    }

    SqsClient sqs() {
        return sqs.get();
    }

    String queueUrl() {
        return queueUrl;
    }

    private Duration uploadValidity() {
        return images.get("upload-validity").as(Duration.class).get();
    }
}
