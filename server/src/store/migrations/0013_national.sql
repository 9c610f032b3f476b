-- National data (helplines with no office, step prices) is changed only by a
-- national admin; an office admin changes only their own office's services.
-- A national admin is an office admin too (of their own office).
ALTER TABLE practitioner ADD COLUMN is_national_admin INTEGER NOT NULL DEFAULT 0
    CHECK (is_national_admin IN (0, 1) AND (is_national_admin = 0 OR is_admin = 1));
