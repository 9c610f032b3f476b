//! Hope-corner services: found by need, words and area, with opening times.

use super::{parse_date, StoreError, StoreResult};
use crate::store::sql::{params, Conn};
use app::model::hope::{HopeFilter, Need, Opening, Schedule, Service};
use app::model::place::Coordinates;
use app::model::{OfficeId, ServiceId};
use jiff::civil::{Time, Weekday};

const COLUMNS: &str = "s.id, s.name, s.description, s.category, s.who_for, s.is_free, s.needs_referral, s.phone,
     s.website, s.address, o.area, s.is_demo, s.checked_on, s.always_open, s.office_id, s.email, s.latitude,
     s.longitude";

/// Visible services matching the filter: national helplines first, then by name.
pub fn find_services(conn: &Conn, filter: &HopeFilter) -> StoreResult<Vec<Service>> {
    // Lower case on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
    let words = filter.words.as_deref().map(|w| format!("%{}%", w.replace(['%', '_'], "").to_lowercase()));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM service s LEFT JOIN office o ON o.id = s.office_id
         WHERE s.hidden = 0
           AND (CAST(?1 AS TEXT) IS NULL OR s.category = ?1)
           AND (CAST(?2 AS TEXT) IS NULL OR lower(s.name) LIKE ?2 OR lower(s.description) LIKE ?2 OR lower(s.who_for) LIKE ?2
                OR lower(s.address) LIKE ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR s.office_id IS NULL OR o.area = ?3)
         ORDER BY s.office_id IS NOT NULL, lower(s.name)"
    ))?;
    let rows = stmt.query_map(params![filter.need.map(Need::as_str), words, filter.area], row)?;
    let rows = rows.collect::<Result<Vec<_>, _>>()?;
    finish_all(conn, rows)
}

/// Add hours and bank holidays to many rows with two queries, not two per row.
fn finish_all(conn: &Conn, rows: Vec<Row>) -> StoreResult<Vec<Service>> {
    use std::collections::HashMap;
    let mut hours: HashMap<i64, Vec<Opening>> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT service_id, weekday, opens, closes FROM service_schedule")?;
    let mut q = stmt.query(())?;
    while let Some(r) = q.next()? {
        let day: i8 = r.get(1)?;
        let weekday =
            Weekday::from_monday_one_offset(day).map_err(|_| StoreError::Corrupt(format!("weekday {day}")))?;
        let (opens, closes): (String, String) = (r.get(2)?, r.get(3)?);
        hours.entry(r.get(0)?).or_default().push(Opening { weekday, opens: clock(&opens)?, closes: clock(&closes)? });
    }
    let mut holidays: HashMap<i64, Vec<jiff::civil::Date>> = HashMap::new();
    rows.into_iter()
        .map(|mut row| {
            row.service.checked_on = parse_date(&row.checked)?;
            row.service.schedule.openings = hours.remove(&row.service.id.0).unwrap_or_default();
            if let Some(office) = row.office {
                if !holidays.contains_key(&office) {
                    holidays.insert(office, bank_holidays(conn, OfficeId(office))?);
                }
                row.service.schedule.closed_on = holidays.get(&office).cloned().unwrap_or_default();
            }
            Ok(row.service)
        })
        .collect()
}

pub fn service(conn: &Conn, id: ServiceId) -> StoreResult<Option<Service>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM service s LEFT JOIN office o ON o.id = s.office_id WHERE s.id = ?1 AND s.hidden = 0"
    ))?;
    let mut rows = stmt.query_map([id.0], row)?;
    rows.next().transpose()?.map(|r| r.finish(conn)).transpose()
}

/// The areas that have local services, for the area filter.
pub fn service_areas(conn: &Conn) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT o.area FROM service s JOIN office o ON o.id = s.office_id WHERE s.hidden = 0 ORDER BY o.area",
    )?;
    let areas = stmt.query_map((), |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(areas)
}

/// A row read, before its schedule is added.
struct Row {
    service: Service,
    checked: String,
    office: Option<i64>,
}

fn row(r: &crate::store::Row) -> crate::store::SqlResult<Row> {
    let category: String = r.get(3)?;
    Ok(Row {
        service: Service {
            id: ServiceId(r.get(0)?),
            name: r.get(1)?,
            description: r.get(2)?,
            need: Need::parse(&category),
            who_for: r.get(4)?,
            free: r.get(5)?,
            referral: r.get(6)?,
            phone: r.get(7)?,
            website: r.get(8)?,
            address: r.get(9)?,
            email: r.get(15)?,
            coordinates: coordinates(r.get(16)?, r.get(17)?),
            area: r.get(10)?,
            demo: r.get(11)?,
            checked_on: jiff::civil::Date::default(),
            schedule: Schedule { always_open: r.get(13)?, ..Schedule::default() },
        },
        checked: r.get(12)?,
        office: r.get(14)?,
    })
}

/// Stored degrees back to a point (both columns are written together).
pub(crate) fn coordinates(lat: Option<f64>, lon: Option<f64>) -> Option<Coordinates> {
    lat.zip(lon).map(|(lat, lon)| Coordinates::from_degrees(lat, lon))
}

impl Row {
    fn finish(mut self, conn: &Conn) -> StoreResult<Service> {
        self.service.checked_on = parse_date(&self.checked)?;
        self.service.schedule.openings = openings(conn, self.service.id)?;
        if let Some(office) = self.office {
            self.service.schedule.closed_on = bank_holidays(conn, OfficeId(office))?;
        }
        Ok(self.service)
    }
}

fn openings(conn: &Conn, id: ServiceId) -> StoreResult<Vec<Opening>> {
    let mut stmt = conn.prepare_cached("SELECT weekday, opens, closes FROM service_schedule WHERE service_id = ?1")?;
    let rows = stmt.query_map([id.0], |r| Ok((r.get::<_, i8>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    rows.map(|r| {
        let (day, opens, closes) = r?;
        let weekday =
            Weekday::from_monday_one_offset(day).map_err(|_| StoreError::Corrupt(format!("weekday {day}")))?;
        Ok(Opening { weekday, opens: clock(&opens)?, closes: clock(&closes)? })
    })
    .collect()
}

fn clock(s: &str) -> StoreResult<Time> {
    s.parse().map_err(|_| StoreError::Corrupt(format!("time {s:?}")))
}

pub fn bank_holidays(conn: &Conn, office: OfficeId) -> StoreResult<Vec<jiff::civil::Date>> {
    let mut stmt = conn.prepare_cached("SELECT on_date FROM bank_holiday WHERE office_id = ?1 ORDER BY on_date")?;
    let dates = stmt.query_map([office.0], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    dates.iter().map(|d| parse_date(d)).collect()
}

/// Opening times and facts the first version of the table did not hold.
pub struct ServiceDetails<'a> {
    pub who_for: Option<&'a str>,
    pub free: Option<bool>,
    pub referral: Option<bool>,
    pub always_open: bool,
    /// (weekday 1–7, opens, closes) as "HH:MM".
    pub openings: &'a [(u8, &'a str, &'a str)],
}

pub fn set_service_details(conn: &Conn, id: ServiceId, d: &ServiceDetails) -> StoreResult<()> {
    conn.execute(
        "UPDATE service SET who_for = ?2, is_free = ?3, needs_referral = ?4, always_open = ?5 WHERE id = ?1",
        params![id.0, d.who_for, d.free, d.referral, d.always_open],
    )?;
    conn.execute("DELETE FROM service_schedule WHERE service_id = ?1", [id.0])?;
    for (day, opens, closes) in d.openings {
        conn.execute(
            "INSERT INTO service_schedule (service_id, weekday, opens, closes) VALUES (?1, ?2, ?3, ?4)",
            params![id.0, day, opens, closes],
        )?;
    }
    Ok(())
}

/// The email and the place (the columns Open Referral UK import added).
pub fn set_contact_and_place(
    conn: &Conn,
    id: ServiceId,
    email: Option<&str>,
    at: Option<Coordinates>,
) -> StoreResult<()> {
    conn.execute(
        "UPDATE service SET email = ?2, latitude = ?3, longitude = ?4 WHERE id = ?1",
        params![id.0, email, at.map(Coordinates::lat), at.map(Coordinates::lon)],
    )?;
    Ok(())
}

pub fn add_bank_holiday(conn: &Conn, office: OfficeId, on: jiff::civil::Date, name: &str) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO bank_holiday (office_id, on_date, name) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        params![office.0, on.to_string(), name],
    )?;
    Ok(())
}

/// An office's own services and the national helplines, hidden ones too, for curation.
pub fn services_for_office(conn: &Conn, office: OfficeId) -> StoreResult<Vec<(Service, bool)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, s.hidden FROM service s LEFT JOIN office o ON o.id = s.office_id
         WHERE s.office_id IS NULL OR s.office_id = ?1
         ORDER BY s.office_id IS NOT NULL, lower(s.name)"
    ))?;
    let rows = stmt.query_map([office.0], |r| Ok((row(r)?, r.get::<_, bool>(18)?)))?;
    rows.map(|r| {
        let (row, hidden) = r?;
        Ok((row.finish(conn)?, hidden))
    })
    .collect()
}

/// Whose a service is: `Some(None)` for a national helpline, `None` if there is no such service.
pub fn service_owner(conn: &Conn, id: ServiceId) -> StoreResult<Option<Option<OfficeId>>> {
    use crate::store::sql::OptionalExtension;
    Ok(conn
        .query_row("SELECT office_id FROM service WHERE id = ?1", [id.0], |r| r.get::<_, Option<i64>>(0))
        .optional()?
        .map(|o| o.map(OfficeId)))
}

pub fn mark_service_checked(conn: &Conn, id: ServiceId, on: jiff::civil::Date) -> StoreResult<()> {
    conn.execute("UPDATE service SET checked_on = ?2 WHERE id = ?1", params![id.0, on.to_string()])?;
    Ok(())
}

pub fn set_service_hidden(conn: &Conn, id: ServiceId, hidden: bool) -> StoreResult<()> {
    conn.execute("UPDATE service SET hidden = ?2 WHERE id = ?1", params![id.0, hidden])?;
    Ok(())
}

/// Add (`id` None, for `office`) or change a service from an admin's checked form.
pub fn save_service(
    conn: &Conn,
    id: Option<ServiceId>,
    office: OfficeId,
    d: &app::model::hope::ServiceDraft,
    today: jiff::civil::Date,
) -> StoreResult<ServiceId> {
    let id = match id {
        Some(id) => {
            conn.execute(
                "UPDATE service SET name = ?2, description = ?3, category = ?4, phone = ?5, website = ?6, address = ?7,
                                    checked_on = ?8 WHERE id = ?1",
                params![id.0, d.name, d.description, d.need.as_str(), d.phone, d.website, d.address, today.to_string()],
            )?;
            set_contact_and_place(conn, id, d.email.as_deref(), d.coordinates)?;
            id
        }
        None => super::insert_service(
            conn,
            &super::NewService {
                office: Some(office),
                external_id: None,
                name: &d.name,
                description: &d.description,
                category: d.need.as_str(),
                phone: d.phone.as_deref(),
                website: d.website.as_deref(),
                address: d.address.as_deref(),
                is_demo: false,
                checked_on: today,
            },
        )
        .and_then(|id| set_contact_and_place(conn, id, d.email.as_deref(), d.coordinates).map(|()| id))?,
    };
    let hours: Vec<(u8, String, String)> = d
        .openings
        .iter()
        .map(|o| {
            (
                o.weekday.to_monday_one_offset() as u8,
                o.opens.strftime("%H:%M").to_string(),
                o.closes.strftime("%H:%M").to_string(),
            )
        })
        .collect();
    let openings: Vec<(u8, &str, &str)> = hours.iter().map(|(d, o, c)| (*d, o.as_str(), c.as_str())).collect();
    set_service_details(
        conn,
        id,
        &ServiceDetails {
            who_for: d.who_for.as_deref(),
            free: d.free,
            referral: d.referral,
            always_open: d.always_open,
            openings: &openings,
        },
    )?;
    Ok(id)
}

/// A person's list: visible services they saved or were recommended, newest first.
pub fn saved_services(conn: &Conn, case: app::model::CaseId) -> StoreResult<Vec<app::model::hope::SavedService>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name, p.name FROM saved_service v
         JOIN service s ON s.id = v.service_id AND s.hidden = 0
         LEFT JOIN practitioner p ON p.id = v.recommended_by
         WHERE v.case_id = ?1 ORDER BY v.saved_at DESC, s.name",
    )?;
    let rows = stmt.query_map([case.0], |r| {
        Ok(app::model::hope::SavedService { id: ServiceId(r.get(0)?), name: r.get(1)?, recommended_by: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Put a visible service on a case's list (or take it off). False if there is no such service.
pub fn keep_service(
    conn: &Conn,
    case: app::model::CaseId,
    service: ServiceId,
    keep: bool,
    by: Option<app::model::PractitionerId>,
) -> StoreResult<bool> {
    let visible: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM service WHERE id = ?1 AND hidden = 0)", [service.0], |r| {
            r.get(0)
        })?;
    if !visible {
        return Ok(false);
    }
    if keep {
        conn.execute(
            "INSERT INTO saved_service (case_id, service_id, recommended_by, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (case_id, service_id) DO UPDATE SET recommended_by = COALESCE(excluded.recommended_by, saved_service.recommended_by)",
            params![case.0, service.0, by.map(|p| p.0), super::now()],
        )?;
    } else {
        conn.execute("DELETE FROM saved_service WHERE case_id = ?1 AND service_id = ?2", params![case.0, service.0])?;
    }
    Ok(true)
}
