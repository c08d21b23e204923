package dev.cloudgallery.images.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import dev.cloudgallery.images.domain.ObjectStorage;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** The images bucket through the SDK. */
public final class S3ObjectStorage implements ObjectStorage {
    /** What S3's DeleteObjects takes in one request. */
    private static final int DELETE_BATCH = 1000;

    private final Supplier<S3Client> s3;
    private final String bucket;

    public S3ObjectStorage(Supplier<S3Client> s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.get().headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            // A HEAD answers 404 without a body; the role's ListBucket makes S3 say 404 rather than 403.
            return Optional.empty();
        }
    }

    @Override
    public byte[] read(String key, long limit) {
        // A ranged GET: S3 sends no more than asked, whatever the object has become since it was measured.
        try (InputStream object = s3.get().getObject(b -> b.bucket(bucket).key(key).range("bytes=0-" + limit))) {
            return object.readNBytes(Math.toIntExact(limit + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, String contentType, byte[] bytes) {
        s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public void delete(Collection<String> keys) {
        var identifiers = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
        for (int from = 0; from < identifiers.size(); from += DELETE_BATCH) {
            var batch = identifiers.subList(from, Math.min(identifiers.size(), from + DELETE_BATCH));
            var answer = s3.get().deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            if (answer.hasErrors() && !answer.errors().isEmpty()) {
                throw new IllegalStateException("S3 kept " + answer.errors().size() + " objects: "
                                                + answer.errors().getFirst().code());
            }
        }
    }
}
