//! Practitioners and their offices.

use super::StoreResult;
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::{Admin, OfficeId, PractitionerId};

pub struct PractitionerLogin {
    pub id: PractitionerId,
    pub office_id: OfficeId,
    pub password_hash: String,
    pub is_admin: bool,
    pub is_demo: bool,
}

pub fn practitioner_by_email(conn: &Conn, email: &str) -> StoreResult<Option<PractitionerLogin>> {
    Ok(conn
        .query_row(
            "SELECT id, office_id, password_hash, is_admin, is_demo FROM practitioner WHERE lower(email) = lower(?1)",
            [email],
            |r| {
                Ok(PractitionerLogin {
                    id: PractitionerId(r.get(0)?),
                    office_id: OfficeId(r.get(1)?),
                    password_hash: r.get(2)?,
                    is_admin: r.get(3)?,
                    is_demo: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// The practitioner's office and what they may change beyond their cases.
pub fn practitioner_office(conn: &Conn, id: PractitionerId) -> StoreResult<Option<(OfficeId, Admin)>> {
    Ok(conn
        .query_row("SELECT office_id, is_admin, is_national_admin FROM practitioner WHERE id = ?1", [id.0], |r| {
            let admin = match (r.get::<_, bool>(1)?, r.get::<_, bool>(2)?) {
                (_, true) => Admin::National,
                (true, false) => Admin::Office,
                (false, false) => Admin::No,
            };
            Ok((OfficeId(r.get(0)?), admin))
        })
        .optional()?)
}

pub struct NewPractitioner<'a> {
    pub office_id: OfficeId,
    pub name: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub admin: Admin,
    pub is_demo: bool,
}

pub fn insert_practitioner(conn: &Conn, p: &NewPractitioner) -> StoreResult<PractitionerId> {
    let id = conn.insert_returning_id(
        "INSERT INTO practitioner (office_id, name, email, password_hash, is_admin, is_national_admin, is_demo, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![
            p.office_id.0,
            p.name,
            p.email,
            p.password_hash,
            p.admin.of_office(),
            p.admin.national(),
            p.is_demo,
            super::now()
        ],
    )?;
    Ok(PractitionerId(id))
}

pub fn insert_office(conn: &Conn, name: &str, address: &str, area: &str, is_demo: bool) -> StoreResult<OfficeId> {
    let id = conn.insert_returning_id(
        "INSERT INTO office (name, address, area, is_demo) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        params![name, address, area, is_demo],
    )?;
    Ok(OfficeId(id))
}

/// Whether any demo data (demo office) is in this database.
pub fn has_demo_data(conn: &Conn) -> StoreResult<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM office WHERE is_demo = 1)", (), |r| r.get(0))?)
}
