-- Progress and strengths (issue 12.5): goals the person sets, what went well
-- (recorded by either side), and a practitioner's "well done".
CREATE TABLE goal (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    area       TEXT NOT NULL CHECK (area IN ('work', 'learning', 'family', 'health', 'housing', 'other')),
    title      TEXT NOT NULL,
    next_step  TEXT,
    set_at     INTEGER NOT NULL,
    done_at    INTEGER
);
CREATE INDEX goal_case ON goal(case_id);

CREATE TABLE achievement (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    made_at         INTEGER NOT NULL,
    -- NULL: the person recorded it.
    practitioner_id INTEGER REFERENCES practitioner(id),
    well_done       TEXT,
    well_done_by    INTEGER REFERENCES practitioner(id),
    well_done_at    INTEGER,
    CHECK ((well_done IS NULL) = (well_done_at IS NULL))
);
CREATE INDEX achievement_case ON achievement(case_id, made_at);

CREATE TRIGGER goal_ins_rev AFTER INSERT ON goal
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER goal_upd_rev AFTER UPDATE ON goal
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER achievement_ins_rev AFTER INSERT ON achievement
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER achievement_upd_rev AFTER UPDATE ON achievement
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
