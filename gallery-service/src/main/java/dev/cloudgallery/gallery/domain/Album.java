package dev.cloudgallery.gallery.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * An album as its owner and a share link's holder see it: {@code cover} is the thumbnail key of its newest image,
 * if it has one.
 */
public record Album(String albumId, String ownerId, String title, String description, Instant createdAt,
                    long imageCount, Optional<String> cover) {
}
