package dev.cloudgallery.images.domain;

/** Hands an uploaded image to the processing worker. */
public interface ProcessingQueue {
    void enqueue(String imageId);
}
