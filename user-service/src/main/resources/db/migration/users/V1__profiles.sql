-- One row per Cognito account, keyed by its immutable sub. Email is kept for support and display only; Cognito
-- stays the authority for it.
CREATE TABLE profiles (
    user_id      uuid PRIMARY KEY,
    email        text        NOT NULL,
    display_name text        NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 50),
    bio          text        NOT NULL DEFAULT '' CHECK (char_length(bio) <= 500),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- Upload use, reported by the image service's events, and the allowance it is held to.
    image_count  bigint      NOT NULL DEFAULT 0,
    bytes_used   bigint      NOT NULL DEFAULT 0,
    max_images   bigint      NOT NULL DEFAULT 1000,
    max_bytes    bigint      NOT NULL DEFAULT 5368709120
);
