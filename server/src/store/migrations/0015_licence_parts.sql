-- The practitioner's side of the person's loop (issue 10, items 5, 6, 7).

-- Where each step's guidance is published (a GOV.UK page, most of them).
ALTER TABLE step_guide ADD COLUMN url TEXT;

-- Who took a condition off the licence (`removed_at` says when): the licence
-- history keeps what was removed instead of losing it.
ALTER TABLE case_condition ADD COLUMN removed_by INTEGER REFERENCES practitioner(id);

-- When post-sentence supervision ends, for a licence followed by it
-- ('YYYY-MM-DD'; NULL for any other type of licence).
ALTER TABLE cases ADD COLUMN pss_end TEXT;
