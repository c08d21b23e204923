package dev.cloudgallery.gallery.domain;

/** A profile change as user-service publishes it: the owner's display name at the profile's {@code version}. */
public record ProfileEvent(String eventId, String ownerId, long version, String displayName) {
}
