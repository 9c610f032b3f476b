//! An office's services as an Open Referral UK file. Sorted by name (then id)
//! and with every part's id made from its service's id, so exporting the same
//! services always gives the same bytes.

use super::shape::*;
use super::taxonomy::{term_id, VOCABULARY};
use super::Listing;
use app::model::hope::WEEKDAYS;
use jiff::civil::{time, Time};

/// What `fees` says; import reads the first as free and any other words as not.
pub const FEES_FREE: &str = "Free";
pub const FEES_CHARGE: &str = "There may be a charge";

/// ORUK directories write opening days both ways; the same order as `WEEKDAYS`.
pub const DAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub const DAY_CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// HSDS has no "open all day and night"; its guidance is 00:00 to 23:59 every day.
pub const ALL_DAY: (Time, Time) = (time(0, 0, 0, 0), time(23, 59, 0, 0));

pub fn document(mut listings: Vec<Listing>) -> Result<String, serde_json::Error> {
    listings.sort_by(|a, b| {
        (a.draft.name.to_lowercase(), &a.external_id).cmp(&(b.draft.name.to_lowercase(), &b.external_id))
    });
    let content: Vec<HsdsService> = listings.iter().map(service).collect();
    let page = Page {
        total_elements: content.len(),
        total_pages: 1,
        number: 1,
        size: content.len(),
        first: true,
        last: true,
        empty: content.is_empty(),
        content,
    };
    let mut text = serde_json::to_string_pretty(&page)?;
    text.push('\n');
    Ok(text)
}

fn service(l: &Listing) -> HsdsService {
    let (id, d) = (&l.external_id, &l.draft);
    let part = |what: &str| format!("{id}-{what}");
    let at_location = (d.address.is_some() || d.coordinates.is_some()).then(|| ServiceAtLocation {
        id: part("at-location"),
        location: Location {
            id: part("location"),
            latitude: d.coordinates.map(|c| c.lat()),
            longitude: d.coordinates.map(|c| c.lon()),
            physical_addresses: d
                .address
                .iter()
                .map(|a| PhysicalAddress { id: part("address"), address_1: a.clone(), country: "GB" })
                .collect(),
        },
    });
    HsdsService {
        id: id.clone(),
        organization: Organization {
            id: l.organisation_id.clone().unwrap_or_else(|| id.clone()),
            name: l.organisation_name.clone().unwrap_or_else(|| d.name.clone()),
            description: String::new(),
        },
        name: d.name.clone(),
        description: d.description.clone(),
        url: d.website.clone(),
        email: d.email.clone(),
        status: if l.hidden { "inactive" } else { "active" },
        fees: d.free.map(|free| if free { FEES_FREE } else { FEES_CHARGE }),
        assured_date: l.checked_on.to_string(),
        attending_access: d.referral.map(|r| if r { "referral" } else { "drop-in" }),
        eligibilitys: d
            .who_for
            .iter()
            .map(|w| Eligibility { id: part("eligibility"), eligibility: w.clone() })
            .collect(),
        contacts: d
            .phone
            .iter()
            .map(|p| Contact { id: part("contact"), phones: vec![Phone { id: part("phone"), number: p.clone() }] })
            .collect(),
        regular_schedules: schedules(l, &part),
        service_at_locations: at_location.into_iter().collect(),
        service_taxonomys: vec![ServiceTaxonomy {
            id: part("taxonomy"),
            taxonomy: Taxonomy { id: term_id(d.need), name: d.need.label().to_owned(), vocabulary: VOCABULARY },
        }],
    }
}

fn schedules(l: &Listing, part: &dyn Fn(&str) -> String) -> Vec<RegularSchedule> {
    let d = &l.draft;
    let mut times: Vec<(usize, Time, Time)> = Vec::new();
    if d.always_open {
        times.extend((0..7).map(|day| (day, ALL_DAY.0, ALL_DAY.1)));
    }
    for o in &d.openings {
        let day = WEEKDAYS.iter().position(|w| *w == o.weekday).unwrap_or_default();
        times.push((day, o.opens, o.closes));
    }
    times.sort();
    times
        .into_iter()
        .enumerate()
        .map(|(n, (day, opens, closes))| RegularSchedule {
            id: part(&format!("schedule-{}", n + 1)),
            weekday: DAY_NAMES[day],
            byday: DAY_CODES[day],
            freq: "WEEKLY",
            interval: 1,
            opens_at: opens.strftime("%H:%M").to_string(),
            closes_at: closes.strftime("%H:%M").to_string(),
        })
        .collect()
}
