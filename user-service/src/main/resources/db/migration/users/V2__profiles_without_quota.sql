-- Upload use and limits moved to the image service, which owns uploads (GET /api/images/quota).
ALTER TABLE profiles
    DROP COLUMN image_count,
    DROP COLUMN bytes_used,
    DROP COLUMN max_images,
    DROP COLUMN max_bytes;
