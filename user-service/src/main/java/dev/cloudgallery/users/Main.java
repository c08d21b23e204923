package dev.cloudgallery.users;

import java.util.function.Supplier;

import dev.cloudgallery.platform.ServicePlatform;
import dev.cloudgallery.platform.aws.AwsClients;
import dev.cloudgallery.platform.events.OutboxRelay;
import dev.cloudgallery.users.api.UserRoutes;
import dev.cloudgallery.users.cognito.CognitoIdentityProvider;
import dev.cloudgallery.users.db.ProfileRepository;
import dev.cloudgallery.users.domain.Accounts;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * user-service: accounts and profiles under {@code /api/users}; profile changes go to the gallery as events
 * ({@link RelayWorker} sends those a request could not).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServicePlatform.serve("user-service", Main::start);
    }

    /** Starts the service from {@code config}; the Lambda handler and the local stack use this too. */
    public static WebServer start(Config config) {
        return ServicePlatform.start(config, routing -> routing(routing, config));
    }

    /** The service's routing, reused by tests. */
    public static void routing(HttpRouting.Builder routing, Config config) {
        ServicePlatform platform = ServicePlatform.create("users", config);
        Supplier<CognitoIdentityProviderClient> cognito = AwsClients.onFirstUse(CognitoIdentityProviderClient::builder,
                                                                                config, "cognito");
        OutboxRelay relay = OutboxRelay.toGallery(platform.database().client(),
                                                  AwsClients.onFirstUse(SqsClient::builder, config, "sqs"), config);
        Accounts accounts = new Accounts(new CognitoIdentityProvider(cognito,
                                                                     config.get("cognito.user-pool-id").asString().get(),
                                                                     config.get("cognito.client-id").asString().get()),
                                         new ProfileRepository(platform.database().client()), relay::relayQuietly,
                                         config.get("users.auto-confirm").asBoolean().orElse(false));
        platform.mount(routing, new UserRoutes(accounts, platform.authenticator()));
    }
}
