-- "My list" in the hope corner: services a person saved, or their practitioner recommended.
CREATE TABLE saved_service (
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    service_id      INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
    recommended_by  INTEGER REFERENCES practitioner(id),
    saved_at        INTEGER NOT NULL,
    PRIMARY KEY (case_id, service_id)
) WITHOUT ROWID;
