-- +goose Up
-- Framework 2026.2 names its expectations gate (a missed one stops the
-- rung) or develop (a missed one is a first step of the plan).
ALTER TABLE framework_expectations DROP CONSTRAINT framework_expectations_kind_check;
ALTER TABLE framework_expectations ADD CONSTRAINT framework_expectations_kind_check
    CHECK (kind IN ('required', 'desirable', 'gate', 'develop'));

-- +goose Down
ALTER TABLE framework_expectations DROP CONSTRAINT framework_expectations_kind_check;
ALTER TABLE framework_expectations ADD CONSTRAINT framework_expectations_kind_check
    CHECK (kind IN ('required', 'desirable'));
