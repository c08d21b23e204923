package dev.cloudgallery.users.domain;

import java.util.Optional;

/** Storage of profiles. */
public interface Profiles {
    /** Stores a new profile; does nothing when one exists for the user already. */
    void createIfAbsent(String userId, String email, String displayName);

    Optional<Profile> find(String userId);

    /** Changes the given fields (null: unchanged) and returns the profile, or empty when there is none. */
    Optional<Profile> update(String userId, String displayName, String bio);
}
