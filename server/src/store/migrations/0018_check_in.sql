-- Check-ins between appointments (issue 12.6): "How are things?" The person
-- makes them; their practitioner marks each one seen, and the person is told.
CREATE TABLE check_in (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    -- 1 very bad to 5 very good.
    mood        INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    -- What would help: space-separated keys (`model::check_in::Need`).
    needs       TEXT NOT NULL DEFAULT '',
    contact_me  INTEGER NOT NULL CHECK (contact_me IN (0, 1)),
    note        TEXT,
    -- When it was made: the phone's clock for one kept offline (within 30 days).
    made_at     INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    seen_by     INTEGER REFERENCES practitioner(id),
    seen_at     INTEGER,
    CHECK ((seen_by IS NULL) = (seen_at IS NULL))
);
CREATE INDEX check_in_case ON check_in(case_id, made_at);
-- The desk's list: what no one has seen yet.
CREATE INDEX check_in_unseen ON check_in(case_id) WHERE seen_at IS NULL;

CREATE TRIGGER check_in_ins_rev AFTER INSERT ON check_in
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER check_in_upd_rev AFTER UPDATE ON check_in
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
