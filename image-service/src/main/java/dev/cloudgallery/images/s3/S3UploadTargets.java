package dev.cloudgallery.images.s3;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.cloudgallery.images.domain.UploadTarget;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Upload targets in the images bucket: a presigned POST whose policy S3 itself enforces. Signed with the function's
 * own role credentials (a session token in Lambda), so the grant is worth no more than the role's right to write
 * {@code originals/}.
 */
public final class S3UploadTargets implements UploadTarget.Signer {
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String bucket;
    private final String url;
    private final Duration validFor;
    private final Clock clock;

    /**
     * @param endpoint the S3 endpoint; empty for AWS's own, where the bucket's virtual-hosted address is used, and
     *                 a local stand-in's (path-style) otherwise
     */
    public S3UploadTargets(AwsCredentialsProvider credentials, String region, String bucket, String endpoint,
                           Duration validFor, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.bucket = bucket;
        this.url = endpoint.isBlank() ? "https://" + bucket + ".s3." + region + ".amazonaws.com/"
                : endpoint.replaceAll("/+$", "") + "/" + bucket;
        this.validFor = validFor;
        this.clock = clock;
    }

    @Override
    public UploadTarget grant(String key, String contentType, long maxBytes) {
        AwsCredentials identity = credentials.resolveCredentials();
        String sessionToken = identity instanceof AwsSessionCredentials session ? session.sessionToken() : null;
        PostPolicy.Form form = PostPolicy.sign(new PostPolicy.Credentials(identity.accessKeyId(),
                                                                          identity.secretAccessKey(), sessionToken),
                                               region, bucket, key, contentType, maxBytes, clock.instant(), validFor);
        return new UploadTarget("POST", url, form.fields(), Map.of(), form.expiresAt());
    }
}
