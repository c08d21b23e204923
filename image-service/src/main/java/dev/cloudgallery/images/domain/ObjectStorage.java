package dev.cloudgallery.images.domain;

/** Where image bytes live: the images bucket. */
public interface ObjectStorage {
    /** Whether an object was stored under {@code key}. */
    boolean exists(String key);
}
