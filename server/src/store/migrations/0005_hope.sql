-- Hope corner after Open Referral UK: who a service is for, whether it is free or
-- needs a referral, its opening times, and the office's bank holidays.
ALTER TABLE service ADD COLUMN who_for TEXT;
ALTER TABLE service ADD COLUMN is_free INTEGER;          -- NULL: not known
ALTER TABLE service ADD COLUMN needs_referral INTEGER;   -- NULL: not known
ALTER TABLE service ADD COLUMN always_open INTEGER NOT NULL DEFAULT 0;

-- Opening times in UK local time; weekday 1 = Monday … 7 = Sunday.
CREATE TABLE service_schedule (
    service_id  INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens       TEXT NOT NULL,
    closes      TEXT NOT NULL CHECK (closes > opens)
);
CREATE INDEX service_schedule_service ON service_schedule(service_id);

-- Days the office marks closed (bank holidays): local services of that office shut.
CREATE TABLE bank_holiday (
    office_id   INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
    on_date     TEXT NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (office_id, on_date)
) WITHOUT ROWID;
