-- Waymark foundation schema. Times are UTC unix seconds; dates are ISO 'YYYY-MM-DD'.

CREATE TABLE office (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    address     TEXT NOT NULL,
    area        TEXT NOT NULL,
    is_demo     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE practitioner (
    id              INTEGER PRIMARY KEY,
    office_id       INTEGER NOT NULL REFERENCES office(id),
    name            TEXT NOT NULL,
    email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash   TEXT NOT NULL,
    is_admin        INTEGER NOT NULL DEFAULT 0,
    is_demo         INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);

-- "case" is an SQL keyword, hence the plural table name.
CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY,
    office_id           INTEGER NOT NULL REFERENCES office(id),
    practitioner_id     INTEGER NOT NULL REFERENCES practitioner(id),
    preferred_name      TEXT NOT NULL,
    licence_start       TEXT NOT NULL,
    licence_end         TEXT NOT NULL,
    waymark_number      TEXT NOT NULL UNIQUE,
    pin_hash            TEXT,
    pin_failures        INTEGER NOT NULL DEFAULT 0,
    locked_at           INTEGER,
    activated_at        INTEGER,
    language            TEXT NOT NULL DEFAULT 'en-GB',
    is_demo             INTEGER NOT NULL DEFAULT 0,
    rev                 INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL
);
CREATE INDEX cases_practitioner ON cases(practitioner_id);

CREATE TABLE case_coworker (
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),
    PRIMARY KEY (case_id, practitioner_id)
);
CREATE INDEX case_coworker_practitioner ON case_coworker(practitioner_id);

-- One-time codes: shown to the practitioner while unused, so they can read it out again.
CREATE TABLE activation_code (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    code        TEXT NOT NULL UNIQUE,
    created_by  INTEGER NOT NULL REFERENCES practitioner(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX activation_code_case ON activation_code(case_id);

-- Only a hash of the token is kept: a copy of the database signs nobody in.
CREATE TABLE session (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE,
    case_id         INTEGER REFERENCES cases(id) ON DELETE CASCADE,
    practitioner_id INTEGER REFERENCES practitioner(id) ON DELETE CASCADE,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    CHECK ((case_id IS NULL) <> (practitioner_id IS NULL))
);

CREATE TABLE case_condition (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    policy_version  TEXT,
    code            TEXT,
    bespoke_text    TEXT,
    details_json    TEXT NOT NULL DEFAULT '{}',
    explanation     TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    response        TEXT NOT NULL DEFAULT 'unread' CHECK (response IN ('unread', 'understood', 'question')),
    response_text   TEXT,
    responded_at    INTEGER,
    rev             INTEGER NOT NULL DEFAULT 0,
    CHECK ((code IS NULL) = (policy_version IS NULL)),
    CHECK (code IS NOT NULL OR bespoke_text IS NOT NULL)
);
CREATE INDEX case_condition_case ON case_condition(case_id);

CREATE TABLE appointment (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    starts_at       INTEGER NOT NULL,
    duration_min    INTEGER NOT NULL,
    place           TEXT NOT NULL,
    room            TEXT,
    with_whom       TEXT,
    bring           TEXT,
    notes           TEXT,
    status          TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    response        TEXT CHECK (response IN ('attending', 'change')),
    response_reason TEXT,
    rev             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX appointment_case_start ON appointment(case_id, starts_at);

CREATE TABLE step (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    track           TEXT NOT NULL CHECK (track IN ('id', 'bank', 'benefits', 'health', 'housing', 'work')),
    title           TEXT NOT NULL,
    position        INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'not_started'
                    CHECK (status IN ('not_started', 'in_progress', 'done', 'stuck')),
    stuck_reason    TEXT,
    helper          TEXT,
    updated_at      INTEGER NOT NULL,
    rev             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX step_case ON step(case_id);

-- Hope corner, after Open Referral UK (organisation/service/location/contact are folded
-- together here; the full model comes with the hope-corner issue).
CREATE TABLE service (
    id              INTEGER PRIMARY KEY,
    office_id       INTEGER REFERENCES office(id),
    name            TEXT NOT NULL,
    description     TEXT NOT NULL,
    category        TEXT NOT NULL,
    phone           TEXT,
    website         TEXT,
    address         TEXT,
    is_demo         INTEGER NOT NULL DEFAULT 0,
    checked_on      TEXT NOT NULL,
    hidden          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE audit (
    id              INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    practitioner_id INTEGER REFERENCES practitioner(id),
    case_id         INTEGER REFERENCES cases(id) ON DELETE SET NULL,
    action          TEXT NOT NULL
);
CREATE INDEX audit_case ON audit(case_id);
