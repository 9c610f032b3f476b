-- Open Referral UK import and export (issue 5): a stable id per service for the
-- files (unique within its office, so importing a file twice adds nothing), the
-- organisation that runs it, an email, and where it is (WGS84 degrees, for
-- "nearest first").
ALTER TABLE service ADD COLUMN external_id TEXT;
ALTER TABLE service ADD COLUMN organisation_id TEXT;
ALTER TABLE service ADD COLUMN organisation_name TEXT;
ALTER TABLE service ADD COLUMN email TEXT;
ALTER TABLE service ADD COLUMN latitude REAL CHECK (latitude BETWEEN -90 AND 90);
ALTER TABLE service ADD COLUMN longitude REAL CHECK (longitude BETWEEN -180 AND 180);

-- Services made before this migration get a random (version 4) UUID.
UPDATE service SET external_id =
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6)))
WHERE external_id IS NULL;

-- National helplines (no office) share one namespace, 0.
CREATE UNIQUE INDEX service_external_id ON service (ifnull(office_id, 0), external_id);
