package dev.cloudgallery.gallery.domain;

import java.time.Instant;
import java.util.Optional;

/** A live share link of an album, without its token, which is shown once, at creation, and never stored. */
public record ShareLink(String linkId, String albumId, Instant createdAt, Optional<Instant> expiresAt) {
}
