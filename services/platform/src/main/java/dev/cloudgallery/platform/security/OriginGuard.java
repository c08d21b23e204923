package dev.cloudgallery.platform.security;

import java.time.Clock;

import dev.cloudgallery.platform.aws.AwsClients;
import dev.cloudgallery.platform.http.Problems;
import dev.cloudgallery.platform.problem.Problem;

import io.helidon.config.Config;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Lets a request in only when it came through the API's one public door: CloudFront, with its WAF and Shield, adds a
 * secret header to every request it sends to the API, and API Gateway's own address would reach the functions
 * without it. Checked before any route, for every service and both adapters; a missing or wrong value is a 403 that
 * says nothing about the expected one.
 * <p>
 * Configured by the {@code origin} node: {@code secret-arn}, a Secrets Manager secret {@code {"current",
 * "previous"}} (deployments), or {@code values}, comma-separated (local runs and tests, which check the header too).
 * A service with neither refuses to start: the check is never silently off.
 */
public final class OriginGuard implements Filter {
    /** The header CloudFront's API origin adds; local gateways add it the same way. */
    public static final HeaderName HEADER = HeaderNames.create("X-Origin-Verify");

    private final OriginValues accepted;

    private OriginGuard(OriginValues accepted) {
        this.accepted = accepted;
    }

    /** The guard for the service whose root config is {@code root}; fails when {@code origin} configures nothing. */
    public static OriginGuard create(Config root) {
        Config origin = root.get("origin");
        String arn = origin.get("secret-arn").asString().orElse("");
        if (!arn.isBlank()) {
            SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), root, "secretsmanager");
            return new OriginGuard(OriginValues.reloading(
                    () -> OriginValues.fromSecret(secrets.getSecretValue(b -> b.secretId(arn)).secretString()),
                    Clock.systemUTC()));
        }
        return new OriginGuard(OriginValues.fixed(OriginValues.split(origin.get("values").asString().orElseThrow(
                () -> new IllegalStateException("origin.secret-arn (ORIGIN_SECRET_ARN) or origin.values "
                                                + "(ORIGIN_VALUES) is required: requests that bypass CloudFront "
                                                + "must be refused")))));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.headers().first(HEADER).map(accepted::accepts).orElse(false)) {
            chain.proceed();
        } else {
            Problems.send(req, res, Problem.forbidden("origin", "Forbidden",
                                                      "This API answers only at its public address."));
        }
    }
}
