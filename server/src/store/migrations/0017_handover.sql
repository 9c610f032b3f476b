-- Handover (issue 12.3): a case moves to another practitioner with a written
-- note from the old one, so the person never has to start again. The note is
-- for practitioners only; the person is told who their new officer is.
CREATE TABLE handover (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id              INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    from_practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),
    to_practitioner_id   INTEGER NOT NULL REFERENCES practitioner(id),
    -- The old practitioner, or the office admin who moved the case.
    written_by           INTEGER NOT NULL REFERENCES practitioner(id),
    going_well           TEXT NOT NULL,
    working_on           TEXT NOT NULL,
    open_items           TEXT NOT NULL,
    steps                TEXT NOT NULL,
    keep_in_mind         TEXT NOT NULL,
    moved_at             INTEGER NOT NULL,
    -- When the new practitioner said they had read it.
    read_at              INTEGER,
    CHECK (from_practitioner_id <> to_practitioner_id)
);
CREATE INDEX handover_case ON handover(case_id);
CREATE INDEX handover_to ON handover(to_practitioner_id);
