-- +goose Up
-- Webhooks: an organisation's endpoints, the events recorded in the
-- transaction of the change that caused them (an outbox), one delivery per
-- event and endpoint, and every attempt at it.

CREATE TABLE webhook_endpoints (
    id                  TEXT PRIMARY KEY,
    organisation_id     TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    url                 TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    -- JSON array of event types
    events              TEXT NOT NULL,
    secret              TEXT NOT NULL,
    -- the secret before a rotation, which also signs until previous_until
    previous_secret     TEXT,
    previous_until      TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints (organisation_id, id);

CREATE TABLE webhook_events (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    type            TEXT NOT NULL,
    -- the JSON body as sent: ids only, never personal data
    payload         TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX webhook_events_created ON webhook_events (created_at);

CREATE TABLE webhook_deliveries (
    -- seq orders one candidate's deliveries to one endpoint
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    event_id        TEXT NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id     TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    ordering_key    TEXT NOT NULL,
    -- pending, succeeded or failed
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP,
    -- a worker holds a pending delivery until lease_until while it tries it
    lease_until     TIMESTAMP,
    lease_owner     TEXT,
    last_status     INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    completed_at    TIMESTAMP
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, seq) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_chain ON webhook_deliveries (endpoint_id, ordering_key, seq) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, seq);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

CREATE TABLE webhook_attempts (
    delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    -- 0 when no answer came
    status_code  INTEGER NOT NULL,
    latency_us   INTEGER NOT NULL,
    error        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (delivery_id, number)
);

-- +goose Down
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_events;
DROP TABLE webhook_endpoints;
