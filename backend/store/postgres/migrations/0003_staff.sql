-- 0003: staff accounts (password sign-in for the control center) and the audit log of what staff
-- and operators did.

CREATE TABLE staff_accounts (
    id            text        PRIMARY KEY, -- 'staff_' + a UUID, the JWT's sub
    -- Stored lower-case (the application folds it), so uniqueness is case-insensitive without
    -- depending on the database's collation.
    username      text        NOT NULL CONSTRAINT staff_accounts_username_key UNIQUE
                                  CONSTRAINT staff_accounts_username_folded
                                  CHECK (username = lower(username) AND username <> ''),
    display_name  text        NOT NULL,
    role          text        NOT NULL CONSTRAINT staff_accounts_role_known
                                  CHECK (role IN ('viewer', 'supervisor')),
    -- libsodium crypto_pwhash_str output: '$argon2id$v=19$m=...,t=...,p=1$salt$hash'.
    password_hash text        NOT NULL CONSTRAINT staff_accounts_password_hash_argon2id
                                  CHECK (password_hash LIKE '$argon2id$%'),
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz NULL
);

-- Append-only. `entry_key` is chosen by the writer before the first attempt, so a write retried
-- after a commit that was in doubt (connection lost during COMMIT) cannot log the entry twice.
CREATE TABLE audit_log (
    id         bigserial   PRIMARY KEY,
    entry_key  uuid        NOT NULL CONSTRAINT audit_log_entry_key_key UNIQUE,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NULL, -- staff account id, 'cli', or NULL (anonymous: failed logins)
    actor_name text        NULL,
    action     text        NOT NULL, -- login_failed, login, capacity_set, session_reroute, ...
    target     text        NULL,
    before     jsonb       NULL,
    after      jsonb       NULL,
    address    text        NULL  -- the client's IP address, when it came over the network
);

-- Read newest first, a page at a time (optionally of one action).
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
