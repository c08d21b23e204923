-- Owners' display names, from user-service's profile.updated events, with the profile's version: an older event
-- changes nothing. Cards copy the name (a page needs no join); a new name is written to every card of the owner, and a
-- new card takes the name from here.
CREATE TABLE owners (
    owner_id     uuid   PRIMARY KEY,
    version      bigint NOT NULL,
    display_name text   NOT NULL
);
