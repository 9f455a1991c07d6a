-- +goose Up
-- Framework 2026.2 names its expectations gate (a missed one stops the
-- rung) or develop (a missed one is a first step of the plan). SQLite
-- cannot change a CHECK constraint: the table is rebuilt.
CREATE TABLE framework_expectations_new (
    framework_id    INTEGER NOT NULL,
    level_slug      TEXT NOT NULL,
    competency_slug TEXT NOT NULL,
    position        INTEGER NOT NULL,
    min_proficiency INTEGER NOT NULL CHECK (min_proficiency BETWEEN 0 AND 4),
    kind            TEXT NOT NULL CHECK (kind IN ('required', 'desirable', 'gate', 'develop')),
    importance      REAL NOT NULL,
    PRIMARY KEY (framework_id, level_slug, competency_slug),
    FOREIGN KEY (framework_id, level_slug) REFERENCES framework_levels (framework_id, slug) ON DELETE CASCADE
);
INSERT INTO framework_expectations_new SELECT framework_id, level_slug, competency_slug, position, min_proficiency, kind, importance
    FROM framework_expectations;
DROP TABLE framework_expectations;
ALTER TABLE framework_expectations_new RENAME TO framework_expectations;
CREATE INDEX framework_expectations_competency ON framework_expectations (framework_id, competency_slug);

-- +goose Down
CREATE TABLE framework_expectations_old (
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
INSERT INTO framework_expectations_old SELECT * FROM framework_expectations WHERE kind IN ('required', 'desirable');
DROP TABLE framework_expectations;
ALTER TABLE framework_expectations_old RENAME TO framework_expectations;
CREATE INDEX framework_expectations_competency ON framework_expectations (framework_id, competency_slug);
