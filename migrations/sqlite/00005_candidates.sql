-- +goose Up
-- Candidates (a job seeker's own profile, or one an organisation keeps),
-- the consent record of their visibility, immutable assessments and
-- interview scorecards. Everything about a person goes with their
-- candidate (ON DELETE CASCADE), so erasure is one delete.
CREATE TABLE candidates (
    id              TEXT PRIMARY KEY,
    owner_user_id   TEXT UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisations (id),
    display_name    TEXT NOT NULL,
    contact_email   TEXT NOT NULL,
    headline        TEXT NOT NULL,
    visibility      TEXT NOT NULL CHECK (visibility IN ('private', 'recruiters')),
    -- JSON: {"experiences": [...], "self_ratings": [...]}
    profile         TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CHECK ((owner_user_id IS NULL) <> (organisation_id IS NULL))
);
CREATE INDEX candidates_organisation ON candidates (organisation_id, id);

CREATE TABLE candidate_consents (
    id              TEXT PRIMARY KEY,
    candidate_id    TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    visibility      TEXT NOT NULL,
    changed_by_kind TEXT NOT NULL,
    changed_by_id   TEXT NOT NULL,
    changed_at      TIMESTAMP NOT NULL
);
CREATE INDEX candidate_consents_candidate ON candidate_consents (candidate_id, id);

CREATE TABLE assessments (
    id                TEXT PRIMARY KEY,
    candidate_id      TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    -- the organisation that made it; NULL when the person did
    organisation_id   TEXT REFERENCES organisations (id),
    created_by        TEXT NOT NULL,
    framework_slug    TEXT NOT NULL,
    framework_version TEXT NOT NULL,
    -- the JSON answered when it was made, byte for byte
    body              TEXT NOT NULL,
    -- what the next assessment compares against (scores, fits, gaps)
    summary           TEXT NOT NULL,
    created_at        TIMESTAMP NOT NULL
);
CREATE INDEX assessments_candidate ON assessments (candidate_id, id);
-- the newest assessment by one maker, which the next one compares with
CREATE INDEX assessments_maker ON assessments (candidate_id, organisation_id, id);

CREATE TABLE scorecards (
    id              TEXT PRIMARY KEY,
    candidate_id    TEXT NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    author_kind     TEXT NOT NULL,
    author_id       TEXT NOT NULL,
    recommendation  TEXT NOT NULL,
    interview       TEXT NOT NULL,
    -- JSON: [{"competency", "proficiency", "note"}]
    ratings         TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX scorecards_candidate ON scorecards (candidate_id, organisation_id, id);

-- The organisation a principal acted for, so a person can see which
-- organisations read their profile.
ALTER TABLE audit_log ADD COLUMN organisation_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE audit_log DROP COLUMN organisation_id;
DROP TABLE scorecards;
DROP TABLE assessments;
DROP TABLE candidate_consents;
DROP TABLE candidates;
