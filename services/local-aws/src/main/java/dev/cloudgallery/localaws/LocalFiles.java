package dev.cloudgallery.localaws;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What the stand-ins share: the files the build puts in the repository (the pinned cognito-local install, the S3
 * and SQS servers' jars), found from the working directory of any module or the repository's root; and SDK clients
 * for fixtures, which sign with fixed credentials because the stand-ins check no signatures.
 */
final class LocalFiles {
    private LocalFiles() {
    }

    /** {@code relative} under the nearest folder, from the working directory upwards, that has it. */
    static Path find(Path relative, String whenMissing) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(whenMissing);
    }

    /** An SDK client of a stand-in at {@code endpoint}, for fixtures. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String endpoint) {
        return builder.endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
