//! Open Referral UK import and export: an office's services with the ids and
//! organisation the files carry, and writing one service found by its file id.

use super::{insert_service, save_service, services_for_office, NewService, StoreResult};
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::hope::{Service, ServiceDraft};
use app::model::{OfficeId, ServiceId};
use std::collections::HashMap;

/// One of an office's own services (hidden ones too), as a file shows it.
pub struct ExchangeRow {
    pub service: Service,
    pub hidden: bool,
    pub external_id: String,
    pub organisation_id: Option<String>,
    pub organisation_name: Option<String>,
}

/// The office's own services; national helplines are every office's and are not included.
pub fn office_exchange_rows(conn: &Conn, office: OfficeId) -> StoreResult<Vec<ExchangeRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, external_id, organisation_id, organisation_name FROM service WHERE office_id = ?1",
    )?;
    let mut ids: HashMap<i64, (String, Option<String>, Option<String>)> = stmt
        .query_map([office.0], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?
        .collect::<Result<_, _>>()?;
    Ok(services_for_office(conn, office)?
        .into_iter()
        .filter_map(|(service, hidden)| {
            let (external_id, organisation_id, organisation_name) = ids.remove(&service.id.0)?;
            Some(ExchangeRow { service, hidden, external_id, organisation_id, organisation_name })
        })
        .collect())
}

/// What an import writes for one service.
pub struct ImportedService<'a> {
    pub external_id: &'a str,
    pub organisation_id: Option<&'a str>,
    pub organisation_name: Option<&'a str>,
    pub draft: &'a ServiceDraft,
    pub hidden: bool,
    pub checked_on: jiff::civil::Date,
}

/// Add the service to the office, or change the office's service with the same
/// file id. Only ever the given office's rows.
pub fn import_service(conn: &Conn, office: OfficeId, s: &ImportedService) -> StoreResult<ServiceId> {
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM service WHERE office_id = ?1 AND external_id = ?2",
            params![office.0, s.external_id],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => ServiceId(id),
        None => insert_service(
            conn,
            &NewService {
                office: Some(office),
                external_id: Some(s.external_id),
                name: &s.draft.name,
                description: &s.draft.description,
                category: s.draft.need.as_str(),
                phone: None,
                website: None,
                address: None,
                is_demo: false,
                checked_on: s.checked_on,
            },
        )?,
    };
    save_service(conn, Some(id), office, s.draft, s.checked_on)?;
    conn.execute(
        "UPDATE service SET organisation_id = ?2, organisation_name = ?3, hidden = ?4 WHERE id = ?1",
        params![id.0, s.organisation_id, s.organisation_name, s.hidden],
    )?;
    Ok(id)
}
