-- About me (issue 12.1): what the person tells their probation officer, so
-- no new officer makes them repeat it. Only the person changes it.

-- How to reach and remind them, what helps in a meeting (space-separated
-- keys, `model::about`), and what they are working on.
CREATE TABLE about_me (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    reach       TEXT NOT NULL DEFAULT '',
    helps       TEXT NOT NULL DEFAULT '',
    working_on  TEXT,
    updated_at  INTEGER NOT NULL
);

-- Times they cannot do: every week on a day, or once on a date; local UK
-- times 'HH:MM' (an end before the start runs past midnight). AUTOINCREMENT:
-- an id is never used again, so a phone's late "take this away" can never
-- remove a newer time that took the id of one already gone.
CREATE TABLE busy_time (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('faith', 'work', 'childcare', 'treatment', 'other')),
    name        TEXT,
    weekday     TEXT CHECK (weekday IN ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')),
    on_date     TEXT,
    from_time   TEXT NOT NULL,
    to_time     TEXT NOT NULL,
    added_at    INTEGER NOT NULL,
    CHECK ((weekday IS NULL) <> (on_date IS NULL))
);
CREATE INDEX busy_time_case ON busy_time(case_id);

-- A practitioner's suggestion of a time to add; the person adds it or turns it down.
CREATE TABLE busy_suggestion (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),
    kind            TEXT NOT NULL CHECK (kind IN ('faith', 'work', 'childcare', 'treatment', 'other')),
    name            TEXT,
    weekday         TEXT CHECK (weekday IN ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')),
    on_date         TEXT,
    from_time       TEXT NOT NULL,
    to_time         TEXT NOT NULL,
    note            TEXT,
    made_at         INTEGER NOT NULL,
    answer          TEXT CHECK (answer IN ('added', 'declined')),
    answered_at     INTEGER,
    CHECK ((weekday IS NULL) <> (on_date IS NULL))
);
CREATE INDEX busy_suggestion_case ON busy_suggestion(case_id);

-- Why an appointment set at a clashing time has to be then (the person sees it).
ALTER TABLE appointment ADD COLUMN clash_note TEXT;

-- The phone shows all of it: every change moves the case's counter on.
CREATE TRIGGER about_me_ins_rev AFTER INSERT ON about_me
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER about_me_upd_rev AFTER UPDATE ON about_me
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER busy_time_ins_rev AFTER INSERT ON busy_time
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER busy_time_del_rev AFTER DELETE ON busy_time
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = OLD.case_id; END;
CREATE TRIGGER busy_suggestion_ins_rev AFTER INSERT ON busy_suggestion
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER busy_suggestion_upd_rev AFTER UPDATE ON busy_suggestion
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
