package dev.cloudgallery.images.domain;

/** What one upload and one owner may take; configured per deployment. */
public record Limits(long maxUploadBytes, long maxImages, long maxBytes) {
}
