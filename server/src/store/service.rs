//! Hope-corner services.

use super::{parse_date, StoreResult};
use app::model::*;
use rusqlite::{params, Connection};

pub fn visible_services(conn: &Connection) -> StoreResult<Vec<ServiceSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, description, category, phone, website, address, office_id IS NULL, is_demo, checked_on
         FROM service WHERE hidden = 0 ORDER BY office_id IS NOT NULL, name COLLATE NOCASE",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let checked: String = r.get(9)?;
        out.push(ServiceSummary {
            id: ServiceId(r.get(0)?),
            name: r.get(1)?,
            description: r.get(2)?,
            category: r.get(3)?,
            phone: r.get(4)?,
            website: r.get(5)?,
            address: r.get(6)?,
            national: r.get(7)?,
            demo: r.get(8)?,
            checked_on: parse_date(&checked)?,
        });
    }
    Ok(out)
}

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
