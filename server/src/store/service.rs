//! Hope-corner services.

use super::StoreResult;
use app::model::*;
use rusqlite::{params, Connection};

pub struct NewService<'a> {
    pub office: Option<OfficeId>,
    pub name: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub phone: Option<&'a str>,
    pub website: Option<&'a str>,
    pub address: Option<&'a str>,
    pub is_demo: bool,
    pub checked_on: jiff::civil::Date,
}

pub fn insert_service(conn: &Connection, s: &NewService) -> StoreResult<ServiceId> {
    conn.execute(
        "INSERT INTO service (office_id, name, description, category, phone, website, address, is_demo, checked_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            s.office.map(|o| o.0),
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
    Ok(ServiceId(conn.last_insert_rowid()))
}
