-- Sign-in safety (issue 15: items 2, 3, 9, 11).

-- Wrong tries slow the next ones down; nothing locks. One row per key: a typed
-- Waymark number or email, a client address, a known phone, a typed code.
-- Kept in the database so several servers share it.
CREATE TABLE attempt_backoff (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL,
    blocked_until   INTEGER NOT NULL
) WITHOUT ROWID;

-- Phones a person has signed in on (a long-lived cookie, only its hash here).
-- A try from a known phone is slowed by its own wrong tries only, so a
-- stranger's wrong tries never stop the person signing in on their own phone.
CREATE TABLE known_device (
    token_hash      TEXT PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    created_at      INTEGER NOT NULL,
    last_used_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX known_device_case ON known_device(case_id);

-- Sessions end after a time unused, as well as at their absolute end.
ALTER TABLE session ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE session SET last_seen_at = created_at;
CREATE INDEX session_case ON session(case_id);

-- Share links keep only a hash of their token. `reveal_salt` lets the session
-- that made a link show it again for a few minutes (the token is an HMAC of the
-- salt under that session's token, which is itself kept only hashed).
CREATE TABLE share_link_hashed (
    id                  INTEGER PRIMARY KEY,
    case_id             INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    token_hash          TEXT NOT NULL UNIQUE,
    reveal_salt         TEXT,
    who                 TEXT NOT NULL,
    show_appointments   INTEGER NOT NULL CHECK (show_appointments IN (0, 1)),
    show_licence        INTEGER NOT NULL CHECK (show_licence IN (0, 1)),
    show_steps          INTEGER NOT NULL CHECK (show_steps IN (0, 1)),
    created_at          INTEGER NOT NULL,
    ends_at             INTEGER NOT NULL CHECK (ends_at > created_at),
    turned_off_at       INTEGER,
    turned_off_by       TEXT CHECK (turned_off_by IN ('person', 'practitioner', 'new_code', 'phone_lost')),
    CHECK ((turned_off_at IS NULL) = (turned_off_by IS NULL)),
    CHECK (show_appointments + show_licence + show_steps > 0)
);
INSERT INTO share_link_hashed
    (id, case_id, token_hash, who, show_appointments, show_licence, show_steps, created_at, ends_at,
     turned_off_at, turned_off_by)
SELECT id, case_id, waymark_sha256_hex(token), who, show_appointments, show_licence, show_steps, created_at, ends_at,
       turned_off_at, CASE WHEN turned_off_at IS NULL THEN NULL ELSE 'person' END
FROM share_link;
DROP TABLE share_link;
ALTER TABLE share_link_hashed RENAME TO share_link;
CREATE INDEX share_link_case ON share_link(case_id);

-- The audit: append-only, and it keeps its case id when a case is deleted (no
-- foreign keys: the record outlives what it names). `action` is a code the
-- person's page words ('read:licence', 'change:steps', 'sign_in_failed', …);
-- `detail` says more (what changed, the share link's "who"); `client` is the
-- address the request came from.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    actor           TEXT NOT NULL CHECK (actor IN ('practitioner', 'person', 'supporter', 'visitor')),
    practitioner_id INTEGER,
    share_link_id   INTEGER,
    case_id         INTEGER,
    action          TEXT NOT NULL,
    detail          TEXT,
    client          TEXT
);
INSERT INTO audit_log (id, at, actor, practitioner_id, case_id, action, detail)
SELECT id, at,
       CASE WHEN practitioner_id IS NOT NULL THEN 'practitioner'
            WHEN action LIKE 'a supporter%' THEN 'supporter' ELSE 'visitor' END,
       practitioner_id, case_id,
       CASE
           WHEN action = 'viewed case' THEN 'read:case'
           WHEN action = 'signed in' THEN 'signed_in'
           WHEN action = 'issued activation code' THEN 'code_issued'
           WHEN action LIKE 'a supporter%' THEN 'read:shared'
           WHEN case_id IS NULL THEN 'office'
           WHEN action LIKE '%condition%' OR action LIKE '%licence%' OR action LIKE '%explanation%'
                OR action LIKE '%question%' OR action LIKE '%map%' THEN 'change:licence'
           WHEN action LIKE '%appointment%' THEN 'change:appointments'
           WHEN action LIKE '%step%' THEN 'change:steps'
           WHEN action LIKE '%service%' THEN 'change:my_list'
           ELSE 'change:case'
       END,
       action
FROM audit;
DROP TABLE audit;
ALTER TABLE audit_log RENAME TO audit;
CREATE INDEX audit_case ON audit(case_id, at);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;
