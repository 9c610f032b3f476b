//! The Open Referral UK file, as Waymark writes it: one page of the ORUK API v1
//! `GET /services` answer (`totalElements` … `content`), each service fully
//! nested as `GET /services/{id}` gives it. Field order is fixed here, so the
//! same services always make the same bytes.

use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    pub total_elements: usize,
    pub total_pages: u32,
    pub number: u32,
    pub size: usize,
    pub first: bool,
    pub last: bool,
    pub empty: bool,
    pub content: Vec<HsdsService>,
}

#[derive(Debug, Serialize)]
pub struct HsdsService {
    pub id: String,
    pub organization: Organization,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// "active", or "inactive" for a service the office has hidden.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees: Option<&'static str>,
    /// When the office last checked the details (YYYY-MM-DD).
    pub assured_date: String,
    /// "referral" or "drop-in" (not written when not known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attending_access: Option<&'static str>,
    pub eligibilitys: Vec<Eligibility>,
    pub contacts: Vec<Contact>,
    pub regular_schedules: Vec<RegularSchedule>,
    pub service_at_locations: Vec<ServiceAtLocation>,
    pub service_taxonomys: Vec<ServiceTaxonomy>,
}

#[derive(Debug, Serialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Eligibility {
    pub id: String,
    /// Who the service is for, in the office's words.
    pub eligibility: String,
}

#[derive(Debug, Serialize)]
pub struct Contact {
    pub id: String,
    pub phones: Vec<Phone>,
}

#[derive(Debug, Serialize)]
pub struct Phone {
    pub id: String,
    pub number: String,
}

#[derive(Debug, Serialize)]
pub struct RegularSchedule {
    pub id: String,
    /// "Monday" … "Sunday", as ORUK directories write it; `byday` says the same in iCal.
    pub weekday: &'static str,
    pub byday: &'static str,
    pub freq: &'static str,
    pub interval: u8,
    /// UK local time, "HH:MM".
    pub opens_at: String,
    pub closes_at: String,
}

#[derive(Debug, Serialize)]
pub struct ServiceAtLocation {
    pub id: String,
    pub location: Location,
}

#[derive(Debug, Serialize)]
pub struct Location {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    pub physical_addresses: Vec<PhysicalAddress>,
}

#[derive(Debug, Serialize)]
pub struct PhysicalAddress {
    pub id: String,
    /// The whole address as the office wrote it.
    pub address_1: String,
    pub country: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ServiceTaxonomy {
    pub id: String,
    pub taxonomy: Taxonomy,
}

#[derive(Debug, Serialize)]
pub struct Taxonomy {
    pub id: String,
    pub name: String,
    pub vocabulary: &'static str,
}
