-- +goose Up
-- HR tool integration: stored answers of idempotent requests, and the HR
-- tool's own id on candidates.

-- The first answer to a POST sent with an Idempotency-Key, kept for 24
-- hours and replayed byte for byte on a retry. Written in the transaction
-- of the change the request made.
CREATE TABLE idempotency_keys (
    -- "org:<id>" for an organisation's API keys, "user:<id>" for a user
    scope        TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    -- SHA-256 of method, route and body: a retry must send the same request
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    -- JSON object of the answer's Content-Type, Location, ETag and Cache-Control
    headers      TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- The HR tool's own id for a candidate, unique per organisation.
ALTER TABLE candidates ADD COLUMN external_id TEXT;
-- NULLs are distinct in a unique index: candidates without one do not clash.
CREATE UNIQUE INDEX candidates_external_id ON candidates (organisation_id, external_id);

-- +goose Down
DROP INDEX candidates_external_id;
ALTER TABLE candidates DROP COLUMN external_id;
DROP TABLE idempotency_keys;
