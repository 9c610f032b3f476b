//! Open Referral UK import and export of an office's own services (the file's
//! shape is `crate::hsds`; this is the part that reads and writes the store).

use super::Engine;
use crate::hsds::{self, read, ImportError, Listing, Summary};
use crate::store::Conn;
use crate::store::{self, StoreError};
use app::error::{AppError, AppResult};
use app::model::{OfficeId, PractitionerId};
use jiff::civil::Date;
use std::collections::HashMap;

impl Engine {
    /// The practitioner's office, if they are one of its admins.
    fn admin_office(&self, conn: &Conn, practitioner: PractitionerId) -> AppResult<OfficeId> {
        match store::practitioner_office(conn, practitioner)? {
            Some((office, admin)) if admin.of_office() => Ok(office),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The admin's office's own services as an Open Referral UK file.
    pub(crate) fn export_hope(&self, practitioner: PractitionerId) -> AppResult<String> {
        let conn = self.store.read()?;
        let office = self.admin_office(&conn, practitioner)?;
        let listings = store::office_exchange_rows(&conn, office)?
            .into_iter()
            .map(hsds::listing)
            .collect::<Result<Vec<_>, StoreError>>()?;
        hsds::write::document(listings).map_err(|e| AppError::internal(format!("export: {e}")))
    }

    /// Check the whole file, then add or change the office's services from it in one
    /// transaction. Services of the office that are not in the file stay as they are.
    pub(crate) fn import_hope(&self, by: PractitionerId, bytes: &[u8], today: Date) -> Result<Summary, ImportError> {
        let incoming = read::read(bytes, today).map_err(ImportError::Refused)?;
        self.store.write_tx(|tx| {
            let office = self.admin_office(tx, by)?;
            let mut before: HashMap<String, Listing> = HashMap::new();
            for row in store::office_exchange_rows(tx, office)? {
                let l = hsds::listing(row)?;
                before.insert(l.external_id.clone(), l);
            }
            let mut summary = Summary::default();
            for read::Incoming { mut listing, assured } in incoming {
                let was = before.remove(&listing.external_id);
                if let (Some(was), false) = (&was, assured) {
                    listing.checked_on = was.checked_on;
                }
                match was {
                    Some(was) if was == listing => {
                        summary.same += 1;
                        continue;
                    }
                    Some(_) => summary.changed += 1,
                    None => summary.added += 1,
                }
                store::import_service(
                    tx,
                    office,
                    &store::ImportedService {
                        external_id: &listing.external_id,
                        organisation_id: listing.organisation_id.as_deref(),
                        organisation_name: listing.organisation_name.as_deref(),
                        draft: &listing.draft,
                        hidden: listing.hidden,
                        checked_on: listing.checked_on,
                    },
                )?;
            }
            if summary.added + summary.changed > 0 {
                let what =
                    format!("imported hope-corner services ({} new, {} changed)", summary.added, summary.changed);
                store::audit(tx, Some(by), None, &what)?;
            }
            Ok(summary)
        })
    }
}
