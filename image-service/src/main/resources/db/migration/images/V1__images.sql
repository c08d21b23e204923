-- One row per upload grant. The object lives in S3 under originals/{owner_id}/{image_id}; the row is the truth
-- about what the owner may see and what counts against the quota.
CREATE TABLE images (
    image_id      uuid PRIMARY KEY,
    owner_id      uuid        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('PENDING', 'PROCESSING', 'READY', 'REJECTED')),
    reject_reason text        CHECK (reject_reason IN ('not_an_image', 'type_mismatch', 'too_large',
                                                       'too_many_pixels', 'corrupt')),
    filename      text        NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 255),
    content_type  text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp')),
    -- What the grant allows; the stored size replaces it once processing has measured the object.
    declared_size bigint      NOT NULL CHECK (declared_size > 0),
    size          bigint      CHECK (size > 0),
    width         integer     CHECK (width > 0),
    height        integer     CHECK (height > 0),
    sha256        text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    title         text        NOT NULL DEFAULT '' CHECK (char_length(title) <= 200),
    description   text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    visibility    text        NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
    -- Increases with every change, so the gallery can ignore an event older than what it has.
    version       bigint      NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The owner's uploads, newest first, for keyset pages; and the quota's sums.
CREATE INDEX images_owner_created ON images (owner_id, created_at DESC, image_id DESC);

-- The same bytes twice from one owner: the second grant is a conflict that names the first.
CREATE UNIQUE INDEX images_owner_sha256 ON images (owner_id, sha256) WHERE sha256 IS NOT NULL AND status <> 'REJECTED';
