-- Sync (DESIGN.md, Sync): every op from a phone's outbox is applied at most once.
-- The first answer is kept, so a retry after a lost reply gets the same answer.
CREATE TABLE applied_op (
    op_id       TEXT PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    outcome     TEXT NOT NULL,
    applied_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Any change to what a case's phone shows moves the case's rev on, so a phone can
-- ask "anything since rev N?". Triggers, so no write path can forget it.
CREATE TRIGGER case_condition_ins_rev AFTER INSERT ON case_condition
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER case_condition_upd_rev AFTER UPDATE ON case_condition
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER case_condition_del_rev AFTER DELETE ON case_condition
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = OLD.case_id; END;

CREATE TRIGGER condition_message_ins_rev AFTER INSERT ON condition_message
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = (SELECT case_id FROM case_condition WHERE id = NEW.condition_id); END;

CREATE TRIGGER explanation_ins_rev AFTER INSERT ON explanation
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER explanation_upd_rev AFTER UPDATE ON explanation
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER explanation_del_rev AFTER DELETE ON explanation
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = OLD.case_id; END;

CREATE TRIGGER appointment_ins_rev AFTER INSERT ON appointment
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER appointment_upd_rev AFTER UPDATE ON appointment
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER appointment_del_rev AFTER DELETE ON appointment
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = OLD.case_id; END;

CREATE TRIGGER step_ins_rev AFTER INSERT ON step
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER step_upd_rev AFTER UPDATE ON step
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER step_del_rev AFTER DELETE ON step
BEGIN UPDATE cases SET rev = rev + 1 WHERE id = OLD.case_id; END;

-- Step guides (prices) are shared by every case; a price change reaches phones too.
CREATE TRIGGER step_guide_upd_rev AFTER UPDATE ON step_guide
BEGIN UPDATE cases SET rev = rev + 1 WHERE id IN (SELECT case_id FROM step WHERE guide_key = NEW.key); END;
