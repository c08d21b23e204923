-- What processing measured: the SHA-256 of the bytes actually uploaded (sha256 stays what the client declared, for
-- its duplicate check), and each rendition's content type, size in bytes and dimensions, keyed by name.
ALTER TABLE images
    ADD COLUMN checksum   text  CHECK (checksum ~ '^[0-9a-f]{64}$'),
    ADD COLUMN renditions jsonb;

-- The sweeper's question: which grants are old and still PENDING.
CREATE INDEX images_pending_created ON images (created_at) WHERE status = 'PENDING';
