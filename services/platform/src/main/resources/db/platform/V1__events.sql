-- Tables every service's schema gets from the platform (dev.cloudgallery.platform.events), migrated with their own
-- history table so they never clash with the service's own migrations.

-- The transactional outbox: events stored with the change they describe, until the relay has sent them.
CREATE TABLE outbox (
    id          bigserial   PRIMARY KEY,
    destination text        NOT NULL,
    event_id    text        NOT NULL,
    body        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The idempotent consumer: events this service has applied.
CREATE TABLE processed_events (
    event_id     text        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
