-- +goose Up
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
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- +goose Down
DROP TABLE idempotency_keys;
