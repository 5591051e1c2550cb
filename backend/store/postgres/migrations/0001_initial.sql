-- 0001: the durable core: mitras, customers, the presence log, settings.
-- Applied once, in one transaction, by PgMigrator (which also records it in schema_migrations).

CREATE TABLE mitras (
    id            text        PRIMARY KEY,
    display_name  text        NOT NULL,
    -- NULL: the global default capacity applies (settings, else HALOBESTIE_DEFAULT_MAX_CUSTOMERS).
    max_customers integer     NULL CONSTRAINT mitras_max_customers_range
                                   CHECK (max_customers BETWEEN 0 AND 1000),
    -- Share of offers under weighted_round_robin.
    weight        integer     NOT NULL DEFAULT 1 CONSTRAINT mitras_weight_positive CHECK (weight > 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customers (
    id           text        PRIMARY KEY,
    display_name text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- One row per online period. (mitra_id, online_at) is the identity the presence service uses from
-- any backend instance, so "went online" and "went offline" are idempotent upserts that may arrive
-- in either order.
CREATE TABLE presence_intervals (
    mitra_id   text        NOT NULL REFERENCES mitras (id),
    online_at  timestamptz NOT NULL,
    offline_at timestamptz NULL,
    reason     text        NULL,
    opened_by  text        NULL, -- instance id that logged the start
    closed_by  text        NULL, -- instance id that logged the end
    PRIMARY KEY (mitra_id, online_at),
    CONSTRAINT presence_intervals_ordered CHECK (offline_at IS NULL OR offline_at >= online_at),
    CONSTRAINT presence_intervals_reason_iff_closed CHECK ((offline_at IS NULL) = (reason IS NULL))
);

-- "Intervals of mitra M overlapping [from, to]" is
--   mitra_id = M AND coalesce(offline_at, 'infinity') >= from AND online_at <= to.
-- The primary key serves the online_at bound; this index serves the end bound (the selective one
-- for the usual "recent history" question) and carries online_at so the other bound is checked
-- from the index too.
CREATE INDEX presence_intervals_mitra_end_idx
    ON presence_intervals (mitra_id, (coalesce(offline_at, 'infinity'::timestamptz)), online_at);

-- Open intervals are few and read whole at start-up (reconciliation with Valkey).
CREATE INDEX presence_intervals_open_idx
    ON presence_intervals (mitra_id, online_at)
    WHERE offline_at IS NULL;

CREATE TABLE settings (
    key        text        PRIMARY KEY,
    value      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
