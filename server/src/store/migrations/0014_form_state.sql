-- A failed plain form post's error and what was typed (never PINs or
-- passwords), kept here instead of in the address: the browser is sent back
-- to the form with only a cookie holding a random id (its hash is the key).
-- Shown once, on the page it was meant for, and gone after a few minutes.
CREATE TABLE form_state (
    id_hash     TEXT PRIMARY KEY,
    -- The page the browser was sent back to: path and query, no host.
    target      TEXT NOT NULL,
    -- Which form: the server function's path (e.g. /api/sign_in_person).
    action      TEXT NOT NULL,
    -- The error as JSON (app::error::AppError), with the kept values.
    error       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX form_state_expires ON form_state(expires_at);
