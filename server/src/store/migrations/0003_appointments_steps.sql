-- Appointments: repeats, moves and cancellations the person can see; the answer's time.
ALTER TABLE appointment ADD COLUMN repeat TEXT NOT NULL DEFAULT 'none' CHECK (repeat IN ('none', 'weekly', 'fortnightly'));
ALTER TABLE appointment ADD COLUMN repeat_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE appointment ADD COLUMN phone TEXT;
ALTER TABLE appointment ADD COLUMN cancel_reason TEXT;
ALTER TABLE appointment ADD COLUMN moved_from INTEGER;
ALTER TABLE appointment ADD COLUMN responded_at INTEGER;
ALTER TABLE appointment ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

-- Guidance for common steps, as data: prices change, so each has the date it was checked.
CREATE TABLE step_guide (
    key             TEXT PRIMARY KEY,
    track           TEXT NOT NULL CHECK (track IN ('id', 'bank', 'benefits', 'health', 'housing', 'work')),
    title           TEXT NOT NULL,
    guidance        TEXT NOT NULL,
    what_you_need   TEXT,
    cost            TEXT,
    cost_checked_on TEXT,
    position        INTEGER NOT NULL
);

ALTER TABLE step ADD COLUMN guide_key TEXT REFERENCES step_guide(key);

-- Every change of a step's status: who, when, from, to. Nothing is silently lost.
CREATE TABLE step_history (
    id              INTEGER PRIMARY KEY,
    step_id         INTEGER NOT NULL REFERENCES step(id) ON DELETE CASCADE,
    at              INTEGER NOT NULL,
    by_person       INTEGER NOT NULL,
    practitioner_id INTEGER REFERENCES practitioner(id),
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    reason          TEXT
);
CREATE INDEX step_history_step ON step_history(step_id, at);
