-- Share links: the person's consent for a supporter to see chosen parts of their
-- plan. The token is kept (not only its hash) so the person can show the link
-- again; it opens only these sections, only until ends_at, only while not turned off.
CREATE TABLE share_link (
    id                  INTEGER PRIMARY KEY,
    case_id             INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    token               TEXT NOT NULL UNIQUE,
    who                 TEXT NOT NULL,
    show_appointments   INTEGER NOT NULL CHECK (show_appointments IN (0, 1)),
    show_licence        INTEGER NOT NULL CHECK (show_licence IN (0, 1)),
    show_steps          INTEGER NOT NULL CHECK (show_steps IN (0, 1)),
    created_at          INTEGER NOT NULL,
    ends_at             INTEGER NOT NULL CHECK (ends_at > created_at),
    turned_off_at       INTEGER,
    CHECK (show_appointments + show_licence + show_steps > 0)
);
CREATE INDEX share_link_case ON share_link(case_id);
