-- Licence conditions in plain language: versions, the person's answers and the
-- practitioner's replies as one thread, and written explanations.

ALTER TABLE case_condition ADD COLUMN licence_kind TEXT NOT NULL DEFAULT 'ap' CHECK (licence_kind IN ('ap', 'pss'));
ALTER TABLE case_condition ADD COLUMN confirmed_version INTEGER;
ALTER TABLE case_condition ADD COLUMN removed_at INTEGER;
ALTER TABLE case_condition ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

-- Earlier versions of a condition, so the person can see what changed.
CREATE TABLE case_condition_history (
    id              INTEGER PRIMARY KEY,
    condition_id    INTEGER NOT NULL REFERENCES case_condition(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    details_json    TEXT NOT NULL,
    bespoke_text    TEXT,
    explanation     TEXT,
    replaced_at     INTEGER NOT NULL,
    replaced_by     INTEGER REFERENCES practitioner(id),
    UNIQUE (condition_id, version)
);

CREATE TABLE condition_message (
    id              INTEGER PRIMARY KEY,
    condition_id    INTEGER NOT NULL REFERENCES case_condition(id) ON DELETE CASCADE,
    author          TEXT NOT NULL CHECK (author IN ('person', 'practitioner')),
    kind            TEXT NOT NULL CHECK (kind IN ('understood', 'question', 'reply')),
    body            TEXT,
    condition_version INTEGER NOT NULL,
    practitioner_id INTEGER REFERENCES practitioner(id),
    at              INTEGER NOT NULL
);
CREATE INDEX condition_message_condition ON condition_message(condition_id, at);

CREATE TABLE explanation (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),
    kind            TEXT NOT NULL CHECK (kind IN ('decision', 'change', 'warning', 'note')),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    read_at         INTEGER,
    rev             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX explanation_case ON explanation(case_id, created_at);

-- Which catalogue the licence is built from, and which parts it has.
ALTER TABLE cases ADD COLUMN policy_version TEXT NOT NULL DEFAULT '4.0';
ALTER TABLE cases ADD COLUMN licence_type TEXT NOT NULL DEFAULT 'ap' CHECK (licence_type IN ('ap', 'pss', 'ap_pss'));
