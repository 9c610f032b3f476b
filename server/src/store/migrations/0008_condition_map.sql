-- A map attached to a condition (an exclusion zone): one per condition; a new
-- upload replaces it and makes a new version of the condition to confirm.
CREATE TABLE condition_map (
    condition_id    INTEGER PRIMARY KEY REFERENCES case_condition(id) ON DELETE CASCADE,
    content_type    TEXT NOT NULL,
    bytes           BLOB NOT NULL,
    uploaded_at     INTEGER NOT NULL
);
