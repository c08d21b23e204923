package dev.cloudgallery.images.s3;

import dev.cloudgallery.images.domain.ObjectStorage;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The images bucket through the SDK. */
public final class S3ObjectStorage implements ObjectStorage {
    private final S3Client s3;
    private final String bucket;

    public S3ObjectStorage(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            // A HEAD answers 404 without a body; the role's ListBucket makes S3 say 404 rather than 403.
            return false;
        }
    }
}
