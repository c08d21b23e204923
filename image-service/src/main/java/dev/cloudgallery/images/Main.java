package dev.cloudgallery.images;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.cloudgallery.images.api.ImageRoutes;
import dev.cloudgallery.images.db.ImageRepository;
import dev.cloudgallery.images.domain.Images;
import dev.cloudgallery.images.domain.Limits;
import dev.cloudgallery.images.s3.S3ObjectStorage;
import dev.cloudgallery.images.s3.S3UploadTargets;
import dev.cloudgallery.images.sqs.SqsProcessingQueue;
import dev.cloudgallery.platform.ServicePlatform;
import dev.cloudgallery.platform.aws.AwsClients;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** image-service: upload grants, image processing and image metadata under {@code /api/images}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServicePlatform.serve("image-service", Main::start);
    }

    /** Starts the service from {@code config}; the Lambda handler and the local stack use this too. */
    public static WebServer start(Config config) {
        return ServicePlatform.start(config, routing -> routing(routing, config));
    }

    /** The service's routing, reused by tests. */
    public static void routing(HttpRouting.Builder routing, Config config) {
        ServicePlatform platform = ServicePlatform.create("images", config);
        Config images = config.get("images");
        Limits limits = new Limits(images.get("max-upload-bytes").asLong().get(),
                                   images.get("max-images-per-owner").asLong().get(),
                                   images.get("max-bytes-per-owner").asLong().get());
        String bucket = images.get("bucket").asString().get();
        Optional<String> s3Endpoint = AwsClients.endpoint(config, "s3");
        S3UploadTargets uploads = new S3UploadTargets(AwsClients.credentials(config, "s3"),
                                                      config.get("aws.region").asString().orElseThrow(
                                                              () -> new IllegalStateException("AWS_REGION is not set")),
                                                      bucket,
                                                      s3Endpoint.orElse(""),
                                                      images.get("upload-validity").as(Duration.class).get(),
                                                      Clock.systemUTC());
        Images useCases = new Images(new ImageRepository(platform.database().client()), uploads,
                                     // A stand-in answers path-style only.
                                     new S3ObjectStorage(AwsClients.build(S3Client.builder().forcePathStyle(
                                             s3Endpoint.isPresent()), config, "s3"), bucket),
                                     new SqsProcessingQueue(AwsClients.build(SqsClient.builder(), config, "sqs"),
                                                            images.get("processing-queue-url").asString().get()),
                                     limits, Clock.systemUTC());
        platform.mount(routing, new ImageRoutes(useCases, platform.authenticator()));
    }
}
