-- Each change of a profile is published (profile.updated, through the outbox) with the profile's version, so that
-- a consumer can tell a late event from a newer one.
ALTER TABLE profiles ADD COLUMN version bigint NOT NULL DEFAULT 1;
