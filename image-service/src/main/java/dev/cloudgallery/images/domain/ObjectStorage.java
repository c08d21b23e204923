package dev.cloudgallery.images.domain;

import java.util.Collection;
import java.util.Optional;

/** Where image bytes live: the images bucket. */
public interface ObjectStorage {
    /** Whether an object was stored under {@code key}. */
    default boolean exists(String key) {
        return size(key).isPresent();
    }

    /** The object's size, read from its metadata without reading its bytes; empty when there is none. */
    Optional<Long> size(String key);

    /** The object's bytes, but no more than {@code limit} + 1 of them, so the caller sees when there are more. */
    byte[] read(String key, long limit);

    void put(String key, String contentType, byte[] bytes);

    /** Deletes the objects; keys without one are no error. */
    void delete(Collection<String> keys);
}
