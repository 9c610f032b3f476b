//! Hope-corner services.

use super::StoreResult;
use crate::store::sql::{params, Conn};
use app::model::*;

pub struct NewService<'a> {
    pub office: Option<OfficeId>,
    /// Its id in Open Referral UK files; `None` gives it a new UUID, so a
    /// service made in Waymark keeps one id in every export.
    pub external_id: Option<&'a str>,
    pub name: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub phone: Option<&'a str>,
    pub website: Option<&'a str>,
    pub address: Option<&'a str>,
    pub is_demo: bool,
    pub checked_on: jiff::civil::Date,
}

pub fn insert_service(conn: &Conn, s: &NewService) -> StoreResult<ServiceId> {
    let external_id = s.external_id.map(str::to_owned).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let id = conn.insert_returning_id(
        "INSERT INTO service (office_id, external_id, name, description, category, phone, website, address, is_demo,
                              checked_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        params![
            s.office.map(|o| o.0),
            external_id,
            s.name,
            s.description,
            s.category,
            s.phone,
            s.website,
            s.address,
            s.is_demo,
            s.checked_on.to_string()
        ],
    )?;
    Ok(ServiceId(id))
}
