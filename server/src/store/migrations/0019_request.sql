-- Requests with written answers (issue 12.4): the person asks for permission
-- or a change; their practitioner answers in writing, and the answer is kept
-- as a letter on the licence (`explanation_id`).
CREATE TABLE person_request (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('travel', 'curfew', 'reporting', 'contact', 'address', 'other')),
    first_day      TEXT,
    last_day       TEXT,
    place          TEXT,
    why            TEXT NOT NULL,
    -- The phone's clock for one kept offline (within 30 days).
    made_at        INTEGER NOT NULL,
    decision       TEXT CHECK (decision IN ('yes', 'yes_with_conditions', 'not_yet', 'no')),
    answer         TEXT,
    answered_by    INTEGER REFERENCES practitioner(id),
    answered_at    INTEGER,
    -- The condition the answer changes, if any, and the letter it made.
    varies_condition_id INTEGER REFERENCES case_condition(id) ON DELETE SET NULL,
    explanation_id INTEGER REFERENCES explanation(id) ON DELETE SET NULL,
    CHECK ((decision IS NULL) = (answered_at IS NULL))
);
CREATE INDEX person_request_case ON person_request(case_id, made_at);
CREATE INDEX person_request_open ON person_request(case_id) WHERE decision IS NULL;

CREATE TRIGGER person_request_ins_rev AFTER INSERT ON person_request
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER person_request_upd_rev AFTER UPDATE ON person_request
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
