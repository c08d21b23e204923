package dev.cloudgallery.platform.aws;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.common.LazyValue;
import io.helidon.config.Config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds AWS SDK clients the same way for every service. In AWS the SDK's defaults apply (region and credentials
 * from the Lambda environment). A config node with {@code endpoint} points the same client, making the same calls,
 * at a local stand-in (cognito-local, S3Mock, ElasticMQ); stand-ins check no signatures, so fixed credentials sign.
 */
public final class AwsClients {
    private AwsClients() {
    }

    /**
     * Configures {@code builder} from {@code aws.region} (set in Lambda as {@code AWS_REGION}) and the service's
     * node, e.g. {@code cognito.endpoint}.
     */
    public static <B extends AwsClientBuilder<B, C>, C> C build(B builder, Config root, String service) {
        root.get("aws.region").asString().map(Region::of).ifPresent(builder::region);
        endpoint(root, service).ifPresent(endpoint -> builder
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(credentials(root, service)));
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder.build();
    }

    /**
     * As {@link #build}, on first use instead of now. Building a client costs a cold start tens of milliseconds (the
     * SDK's set-up, its HTTP client's TLS), and most requests use none: a profile read needs no Cognito, a quota no
     * S3. A build that fails is tried again at the next use.
     */
    public static <B extends AwsClientBuilder<B, C>, C> Supplier<C> onFirstUse(Supplier<B> builder, Config root,
                                                                              String service) {
        return LazyValue.create(() -> build(builder.get(), root, service));
    }

    /** The stand-in's endpoint the service's node names ({@code <service>.endpoint}), if any. */
    public static Optional<String> endpoint(Config root, String service) {
        return root.get(service).get("endpoint").asString().filter(s -> !s.isBlank());
    }

    /**
     * The credentials the service signs with: the SDK's default chain (the function's role in Lambda), or fixed ones
     * for a local stand-in, which checks no signatures.
     */
    public static AwsCredentialsProvider credentials(Config root, String service) {
        return endpoint(root, service).isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }
}
