-- 0005: events of the durable log (the Valkey outbox stream) that PostgreSQL refuses for good,
-- alone, with a non-retryable error (a bug upstream, a CHECK, bad data). Kept with the error so
-- staff can see and clear them (`halobestie-backend deadletters`); while any is here /health
-- says degraded. Keyed by the stream entry id, so a redelivered event is kept once.

CREATE TABLE outbox_dead_letters (
    event_id    text PRIMARY KEY,
    event_type  text NOT NULL,
    payload     text NOT NULL,
    error       text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
