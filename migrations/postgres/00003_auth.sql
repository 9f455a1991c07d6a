-- +goose Up
-- Accounts, organisations, tokens, API keys, login attempts and the audit
-- log. Secrets are never stored: tokens and keys as SHA-256 hex digests,
-- passwords as argon2id hashes.
CREATE TABLE organisations (
    id         UUID PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE users (
    id              UUID PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('job_seeker', 'recruiter', 'admin')),
    organisation_id UUID REFERENCES organisations (id),
    -- empty until an invited member sets a password
    password_hash   TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK ((role = 'recruiter') = (organisation_id IS NOT NULL))
);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE refresh_tokens (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id  UUID NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE password_tokens (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX password_tokens_user ON password_tokens (user_id);

CREATE TABLE api_keys (
    id              UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    prefix          TEXT NOT NULL,
    secret_hash     TEXT NOT NULL UNIQUE,
    -- space-separated scope names
    scopes          TEXT NOT NULL,
    created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ
);
CREATE INDEX api_keys_organisation ON api_keys (organisation_id, id);

-- One row per account name tried (a SHA-256 of the email, which may belong
-- to nobody): attempts counted in a fixed window starting at window_start
-- (Unix seconds).
CREATE TABLE login_attempts (
    account_key  TEXT PRIMARY KEY,
    attempts     INTEGER NOT NULL,
    window_start BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id             UUID PRIMARY KEY,
    principal_kind TEXT NOT NULL,
    principal_id   TEXT NOT NULL,
    action         TEXT NOT NULL,
    object_type    TEXT NOT NULL,
    object_id      TEXT NOT NULL,
    request_id     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_principal ON audit_log (principal_id, id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE login_attempts;
DROP TABLE api_keys;
DROP TABLE password_tokens;
DROP TABLE refresh_tokens;
DROP TABLE users;
DROP TABLE organisations;
