-- Albums: the gallery's own data, not a read model. An album holds its owner's images (cards); a card is never
-- removed (a deleted image stays as a tombstone), so the consumer takes a deleted image out of every album itself.
CREATE TABLE albums (
    album_id    uuid        PRIMARY KEY,
    owner_id    uuid        NOT NULL,
    title       text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
    description text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
    created_at  timestamptz NOT NULL
);

-- The owner's albums, newest first, for keyset pages.
CREATE INDEX albums_owner ON albums (owner_id, created_at DESC, album_id DESC);

CREATE TABLE album_images (
    album_id uuid        NOT NULL REFERENCES albums ON DELETE CASCADE,
    image_id uuid        NOT NULL REFERENCES cards,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (album_id, image_id)
);

-- A deleted image leaves every album it was in.
CREATE INDEX album_images_image ON album_images (image_id);

-- Share links. Only the token's SHA-256 is stored: a leaked table opens no album. A revoked link is deleted; an
-- expired one stays until its album gets a new link, and is never answered.
CREATE TABLE share_links (
    link_id    uuid        PRIMARY KEY,
    album_id   uuid        NOT NULL REFERENCES albums ON DELETE CASCADE,
    token_hash bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz
);

CREATE INDEX share_links_album ON share_links (album_id, created_at DESC);
