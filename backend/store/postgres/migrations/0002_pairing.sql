-- 0002: the durable record of pairing: requests, who they were offered to, sessions, and each
-- assignment of a session to a mitra. Valkey makes the live decisions; these tables are written
-- afterwards by whichever backend instance saw the decision, in any order relative to the other
-- instances, so every row can be created by whichever write lands first (see PostgresStore).

CREATE TABLE pairing_requests (
    id             text        PRIMARY KEY,
    customer_id    text        NOT NULL REFERENCES customers (id),
    strategy       text        NOT NULL CONSTRAINT pairing_requests_strategy_known
                                   CHECK (strategy IN ('broadcast', 'round_robin',
                                                       'weighted_round_robin')),
    created_at     timestamptz NOT NULL,
    deadline_at    timestamptz NOT NULL,
    status         text        NOT NULL DEFAULT 'open' CONSTRAINT pairing_requests_status_known
                                   CHECK (status IN ('open', 'matched', 'cancelled', 'failed')),
    outcome_reason text        NULL,
    closed_at      timestamptz NULL,
    CONSTRAINT pairing_requests_closed_iff_not_open CHECK ((status = 'open') = (closed_at IS NULL)),
    -- A failure may be logged without its reason (NULL) rather than be lost.
    CONSTRAINT pairing_requests_reason_fits_status CHECK (
        CASE status
            WHEN 'failed' THEN outcome_reason IS NULL
                               OR outcome_reason IN ('no_bestie_available', 'timeout')
            WHEN 'cancelled' THEN outcome_reason IS NULL OR outcome_reason = 'cancelled'
            ELSE outcome_reason IS NULL
        END)
);

-- Open requests are few and read whole, oldest first, when live state is rebuilt.
CREATE INDEX pairing_requests_open_idx ON pairing_requests (created_at) WHERE status = 'open';
CREATE INDEX pairing_requests_customer_idx ON pairing_requests (customer_id, created_at);

-- One row per (request, mitra): a mitra is offered a request at most once. The outcome is the
-- mitra's own (accepted, declined, expired) or follows from the request closing (taken,
-- cancelled, failed).
CREATE TABLE request_offers (
    request_id text        NOT NULL REFERENCES pairing_requests (id),
    mitra_id   text        NOT NULL REFERENCES mitras (id),
    -- The earliest time known: a close logged before the offer stands in until the offer lands.
    offered_at timestamptz NOT NULL,
    outcome    text        NULL CONSTRAINT request_offers_outcome_known
                               CHECK (outcome IN ('accepted', 'declined', 'expired', 'taken',
                                                  'cancelled', 'failed')),
    closed_at  timestamptz NULL,
    PRIMARY KEY (request_id, mitra_id),
    CONSTRAINT request_offers_closed_iff_outcome CHECK ((outcome IS NULL) = (closed_at IS NULL))
);

CREATE INDEX request_offers_mitra_idx ON request_offers (mitra_id, offered_at);

CREATE TABLE sessions (
    id          text        PRIMARY KEY,
    -- UNIQUE: a request can never end with two sessions, whatever the live side does.
    request_id  text        NOT NULL UNIQUE REFERENCES pairing_requests (id),
    customer_id text        NOT NULL REFERENCES customers (id),
    state       text        NOT NULL CONSTRAINT sessions_state_known
                                CHECK (state IN ('awaiting_payment', 'active', 'ended')),
    accepted_at timestamptz NOT NULL,
    -- Set once payment confirmed; may be set on an ended session if the start is logged late.
    started_at  timestamptz NULL,
    ended_at    timestamptz NULL,
    end_reason  text        NULL,
    CONSTRAINT sessions_ended_iff_end CHECK ((state = 'ended') = (ended_at IS NOT NULL)),
    CONSTRAINT sessions_active_has_start CHECK (state <> 'active' OR started_at IS NOT NULL)
);

CREATE INDEX sessions_state_idx ON sessions (state) WHERE state <> 'ended';
CREATE INDEX sessions_customer_idx ON sessions (customer_id, accepted_at);

-- Each period a mitra served a session. The rows of a session form a timeline: a row ends
-- (unassigned_at) where the next one begins, the last one ends with the session, so only the
-- last row of an open session is current.
CREATE TABLE session_assignments (
    session_id    text        NOT NULL REFERENCES sessions (id),
    mitra_id      text        NOT NULL REFERENCES mitras (id),
    assigned_at   timestamptz NOT NULL,
    reason        text        NOT NULL CONSTRAINT session_assignments_reason_known
                                  CHECK (reason IN ('accepted', 'rerouted')),
    assigned_by   text        NULL, -- the staff user id, for reroutes
    unassigned_at timestamptz NULL,
    PRIMARY KEY (session_id, assigned_at)
);

-- At most one current assignment per session.
CREATE UNIQUE INDEX session_assignments_one_current_idx
    ON session_assignments (session_id)
    WHERE unassigned_at IS NULL;

-- "Sessions a mitra serves now" (capacity rebuild, dashboards).
CREATE INDEX session_assignments_mitra_current_idx
    ON session_assignments (mitra_id)
    WHERE unassigned_at IS NULL;
CREATE INDEX session_assignments_mitra_idx ON session_assignments (mitra_id, assigned_at);

-- A start or end logged (by session id only) before the session row exists, because another
-- instance's log of the acceptance has not landed yet. Applied and deleted, under the same
-- per-session lock, when the session row is created. A row left here means the session itself
-- was never logged.
CREATE TABLE session_pending_events (
    session_id  text        NOT NULL,
    kind        text        NOT NULL CONSTRAINT session_pending_events_kind_known
                                CHECK (kind IN ('started', 'ended')),
    at          timestamptz NOT NULL,
    reason      text        NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, kind)
);

-- The pairing settings staff change at run time, checked here so that neither a bad write nor a
-- hand edit can leave a value the backend would misread.
ALTER TABLE settings ADD CONSTRAINT settings_pairing_values_valid CHECK (
    CASE key
        WHEN 'global_max_customers' THEN
            CASE WHEN jsonb_typeof(value) = 'number'
                 THEN value::numeric = trunc(value::numeric) AND value::numeric BETWEEN 0 AND 1000
                 ELSE false END
        WHEN 'round_robin_batch' THEN
            CASE WHEN jsonb_typeof(value) = 'number'
                 THEN value::numeric = trunc(value::numeric) AND value::numeric BETWEEN 1 AND 1000
                 ELSE false END
        WHEN 'broadcast_max' THEN
            CASE WHEN jsonb_typeof(value) = 'number'
                 THEN value::numeric = trunc(value::numeric)
                      AND value::numeric BETWEEN 0 AND 1000000
                 ELSE false END
        WHEN 'pairing_strategy' THEN
            value IN ('"broadcast"'::jsonb, '"round_robin"'::jsonb,
                      '"weighted_round_robin"'::jsonb)
        ELSE true
    END);
