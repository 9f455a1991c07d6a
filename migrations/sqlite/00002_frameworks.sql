-- +goose Up
-- One row per framework version; its parts live in the framework_* tables,
-- one row per item, in document order (position). Lists of plain strings
-- (anchors, aliases, departments) and the small fixed-shape documents
-- (dimensions, scoring) are JSON text.
CREATE TABLE frameworks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    slug         TEXT NOT NULL,
    version      TEXT NOT NULL,
    -- version with every number zero-padded, so that ORDER BY sorts 2026.10 after 2026.9
    version_key  TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    dimensions   TEXT NOT NULL,
    scoring      TEXT NOT NULL,
    published_at TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (slug, version)
);
CREATE INDEX frameworks_slug_status_version ON frameworks (slug, status, version_key);

-- Competency references (expectations, evidence, actions) carry no foreign
-- key: a draft may hold a dangling one while it is being edited, and
-- publishing validates every reference.
CREATE TABLE framework_competencies (
    framework_id INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    dimension    TEXT NOT NULL CHECK (dimension IN ('people', 'influence', 'craft')),
    weight       REAL NOT NULL,
    description  TEXT NOT NULL,
    anchors      TEXT NOT NULL,
    PRIMARY KEY (framework_id, slug)
);

CREATE TABLE framework_levels (
    framework_id        INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    slug                TEXT NOT NULL,
    position            INTEGER NOT NULL,
    rank                INTEGER NOT NULL,
    title               TEXT NOT NULL,
    summary             TEXT NOT NULL,
    scope               TEXT NOT NULL,
    typical_departments TEXT NOT NULL,
    PRIMARY KEY (framework_id, slug),
    UNIQUE (framework_id, rank)
);

CREATE TABLE framework_expectations (
    framework_id    INTEGER NOT NULL,
    level_slug      TEXT NOT NULL,
    competency_slug TEXT NOT NULL,
    position        INTEGER NOT NULL,
    min_proficiency INTEGER NOT NULL CHECK (min_proficiency BETWEEN 0 AND 4),
    kind            TEXT NOT NULL CHECK (kind IN ('required', 'desirable')),
    importance      REAL NOT NULL,
    PRIMARY KEY (framework_id, level_slug, competency_slug),
    FOREIGN KEY (framework_id, level_slug) REFERENCES framework_levels (framework_id, slug) ON DELETE CASCADE
);
CREATE INDEX framework_expectations_competency ON framework_expectations (framework_id, competency_slug);

CREATE TABLE framework_backgrounds (
    framework_id     INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    slug             TEXT NOT NULL,
    position         INTEGER NOT NULL,
    title            TEXT NOT NULL,
    aliases          TEXT NOT NULL,
    community_served TEXT NOT NULL,
    onet_soc         TEXT,
    isco08           TEXT,
    summary          TEXT NOT NULL,
    PRIMARY KEY (framework_id, slug)
);
CREATE INDEX framework_backgrounds_onet_soc ON framework_backgrounds (onet_soc);
CREATE INDEX framework_backgrounds_isco08 ON framework_backgrounds (isco08);

CREATE TABLE framework_evidence (
    framework_id    INTEGER NOT NULL,
    background_slug TEXT NOT NULL,
    competency_slug TEXT NOT NULL,
    position        INTEGER NOT NULL,
    proficiency     INTEGER NOT NULL CHECK (proficiency BETWEEN 0 AND 4),
    rationale       TEXT NOT NULL,
    PRIMARY KEY (framework_id, background_slug, competency_slug),
    FOREIGN KEY (framework_id, background_slug) REFERENCES framework_backgrounds (framework_id, slug) ON DELETE CASCADE
);
CREATE INDEX framework_evidence_competency ON framework_evidence (framework_id, competency_slug, proficiency);

CREATE TABLE framework_actions (
    framework_id    INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    competency_slug TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('training', 'volunteering', 'practice', 'stretch')),
    title           TEXT NOT NULL,
    detail          TEXT NOT NULL,
    PRIMARY KEY (framework_id, position)
);
CREATE INDEX framework_actions_competency ON framework_actions (framework_id, competency_slug);

-- +goose Down
DROP TABLE framework_actions;
DROP TABLE framework_evidence;
DROP TABLE framework_backgrounds;
DROP TABLE framework_expectations;
DROP TABLE framework_levels;
DROP TABLE framework_competencies;
DROP TABLE frameworks;
