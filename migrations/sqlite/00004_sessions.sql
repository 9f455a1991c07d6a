-- +goose Up
-- Sessions: one per login, the refresh-token family. Access tokens name
-- their session, so ending it (logout, password change, sign out
-- everywhere, account deletion) stops its access tokens too.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- a short description of the browser or client that logged in
    device       TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NOT NULL,
    ended_at     TIMESTAMP
);
CREATE INDEX sessions_user ON sessions (user_id, created_at);

-- Refresh-token families that were live before sessions existed keep working.
INSERT INTO sessions (id, user_id, device, created_at, last_used_at)
SELECT family_id, user_id, '', MIN(created_at), MAX(created_at)
FROM refresh_tokens
WHERE revoked_at IS NULL
GROUP BY family_id, user_id;

-- Failed logins per account and source address together (both as HMACs,
-- so the table alone cannot confirm which emails or addresses were tried).
-- next_allowed and last_failure are Unix seconds.
DROP TABLE login_attempts;
CREATE TABLE login_failures (
    pair_key     TEXT PRIMARY KEY,
    account_key  TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    next_allowed BIGINT NOT NULL,
    last_failure BIGINT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account_key, last_failure);

-- Account and source pairs that signed in successfully: they keep working
-- while an account is under attack from elsewhere.
CREATE TABLE login_known_sources (
    pair_key     TEXT PRIMARY KEY,
    last_success BIGINT NOT NULL
);

-- +goose Down
DROP TABLE login_known_sources;
DROP TABLE login_failures;
CREATE TABLE login_attempts (
    account_key  TEXT PRIMARY KEY,
    attempts     INTEGER NOT NULL,
    window_start INTEGER NOT NULL
);
DROP TABLE sessions;
