-- The sweep now counts a PENDING image's age from its last grant (updated_at), which a repeated grant renews.
DROP INDEX images_pending_created;
CREATE INDEX images_pending_granted ON images (updated_at) WHERE status = 'PENDING';
