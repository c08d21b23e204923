package dev.cloudgallery.gallery.domain;

import java.time.Instant;

/** What a page shows of one image, without another call: kept from image-service's events. */
public record Card(String imageId, String ownerId, String ownerDisplayName, String title, String description,
                   int width, int height, Instant createdAt, boolean isPublic, String thumbnailKey,
                   String mediumKey) {
}
