-- +goose Up
-- Webhooks: an organisation's endpoints, the events recorded in the
-- transaction of the change that caused them (an outbox), one delivery per
-- event and endpoint, and every attempt at it.

CREATE TABLE webhook_endpoints (
    id                  UUID PRIMARY KEY,
    organisation_id     UUID NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    url                 TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    -- JSON array of event types
    events              TEXT NOT NULL,
    secret              TEXT NOT NULL,
    -- the secret before a rotation, which also signs until previous_until
    previous_secret     TEXT,
    previous_until      TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints (organisation_id, id);

CREATE TABLE webhook_events (
    id              TEXT PRIMARY KEY,
    organisation_id UUID NOT NULL,
    type            TEXT NOT NULL,
    -- the JSON body as sent: ids only, never personal data
    payload         TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_events_created ON webhook_events (created_at);

CREATE TABLE webhook_deliveries (
    -- seq orders one candidate's deliveries to one endpoint
    seq             BIGSERIAL PRIMARY KEY,
    id              UUID NOT NULL UNIQUE,
    event_id        TEXT NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id     UUID NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    ordering_key    TEXT NOT NULL,
    -- pending, succeeded or failed
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    -- a worker holds a pending delivery until lease_until while it tries it
    lease_until     TIMESTAMPTZ,
    lease_owner     TEXT,
    last_status     INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    completed_at    TIMESTAMPTZ
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, seq) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_chain ON webhook_deliveries (endpoint_id, ordering_key, seq) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, seq);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
-- A queue: rows turn over fast. Vacuum and analyze it often, so the claim's
-- plan (the due index read in order) follows the backlog.
ALTER TABLE webhook_deliveries SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02,
    autovacuum_analyze_threshold = 500);

CREATE TABLE webhook_attempts (
    delivery_id  UUID NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL,
    -- 0 when no answer came
    status_code  INTEGER NOT NULL,
    latency_us   BIGINT NOT NULL,
    error        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (delivery_id, number)
);

-- +goose Down
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_events;
DROP TABLE webhook_endpoints;
