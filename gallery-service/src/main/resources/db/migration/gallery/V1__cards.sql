-- One card per image the gallery has heard of, kept current from image-service's events (never from its schema).
-- version is the image's own: an event older than the card is ignored. A deleted image stays as a tombstone
-- (deleted, its content gone) so that a late, older event can't bring it back.
CREATE TABLE cards (
    image_id           uuid        PRIMARY KEY,
    owner_id           uuid        NOT NULL,
    version            bigint      NOT NULL,
    deleted            boolean     NOT NULL DEFAULT false,
    owner_display_name text        NOT NULL DEFAULT '',
    title              text        NOT NULL DEFAULT '',
    description        text        NOT NULL DEFAULT '',
    visibility         text        NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
    width              integer,
    height             integer,
    created_at         timestamptz NOT NULL,
    thumbnail_key      text,
    medium_key         text
);

-- The public feed, newest first, for keyset pages: page 10 000 costs what page 1 costs.
CREATE INDEX cards_feed ON cards (created_at DESC, image_id DESC) WHERE visibility = 'public' AND NOT deleted;

-- One owner's gallery (their own view: every visibility), newest first.
CREATE INDEX cards_owner ON cards (owner_id, created_at DESC, image_id DESC) WHERE NOT deleted;
