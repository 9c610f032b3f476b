//! Reading an Open Referral UK file. Every service is checked, with the same
//! rules as the admin's form, before anything is written; the first problem is
//! named by its line and field in plain words.

use super::lines::{element, Lines};
use super::node::{self, Checked, Node, Problem};
use super::taxonomy;
use super::write::FEES_FREE;
use super::Listing;
use app::model::hope::ServiceForm;
use jiff::civil::Date;
use serde_json::value::RawValue;
use std::collections::HashMap;

/// One service from the file. `assured` is false when the file gave no date
/// checked (the listing then carries today's, unless the store knows better).
#[derive(Debug, Clone)]
pub struct Incoming {
    pub listing: Listing,
    pub assured: bool,
}

/// Why a file was refused: where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub path: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column, &self.path) {
            (Some(line), Some(column), _) => write!(f, "Line {line}, column {column}: {}", self.message),
            (Some(line), None, Some(path)) => write!(f, "Line {line}, {path}: {}", self.message),
            (Some(line), None, None) => write!(f, "Line {line}: {}", self.message),
            (None, _, Some(path)) => write!(f, "{path}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl Refusal {
    pub fn plain(message: impl Into<String>) -> Refusal {
        Refusal { line: None, column: None, path: None, message: message.into() }
    }
}

/// Every service in the file, or why not.
pub fn read(bytes: &[u8], today: Date) -> Result<Vec<Incoming>, Refusal> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Refusal::plain("This file is not plain text. Save it as a JSON file and try again."))?;
    // A byte-order mark is harmless; it is not on a line of its own.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    super::bounds::check(text)?;
    // Checked as JSON in full here (syntax, with its line and column), but not
    // built: each service is read from its own text as it is checked.
    let value: &RawValue = serde_json::from_str(text).map_err(|e| Refusal {
        line: Some(e.line()),
        column: Some(e.column()),
        path: None,
        message: match e.classify() {
            serde_json::error::Category::Eof => {
                "The file ends too soon. A bracket or quote mark is not closed.".to_owned()
            }
            _ => "This is not valid JSON. Look for a missing comma, bracket or quote mark just before here.".to_owned(),
        },
    })?;
    let lines = Lines::of(text);
    let (items, path) = if value.get().starts_with('[') {
        (value, "")
    } else {
        let list = |name| node::member_of(value, name).filter(|l| l.get().starts_with('['));
        match (list("content"), list("services")) {
            (Some(items), _) => (items, "content"),
            (_, Some(items)) => (items, "services"),
            _ => return Err(not_a_list()),
        }
    };
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    let walked = node::for_each(items, |i, raw| {
        let node = Node::new(raw, element(path, i));
        let incoming = service(&node, today).map_err(|p| p.refusal(&lines))?;
        if let Some(first) = seen.insert(incoming.listing.external_id.clone(), node.path.clone()) {
            return Err(Problem {
                path: node.at("id"),
                message: format!("This id is used twice in the file (also at {first}). Each service needs its own id."),
            }
            .refusal(&lines));
        }
        out.push(incoming);
        Ok(())
    });
    walked.unwrap_or_else(|| Err(not_a_list()))?;
    Ok(out)
}

fn not_a_list() -> Refusal {
    Refusal::plain(
        "The file must hold a list of services: an Open Referral UK page with \"content\": [ … ], or a list [ … ].",
    )
}

/// Form fields whose message belongs to another place in the file.
struct Places(HashMap<&'static str, String>);

fn service(node: &Node, today: Date) -> Checked<Incoming> {
    if !node.is_object() {
        return Err(node.problem("Each service must be an object in curly brackets { }."));
    }
    let required = |name: &str, message: &str| {
        node.text(name)?.ok_or_else(|| Problem { path: node.at(name), message: message.into() })
    };
    let id =
        required("id", "A service needs an id, so that loading the file again changes it instead of adding it twice.")?;
    if id.chars().count() > 200 {
        return Err(Problem { path: node.at("id"), message: "Keep the id to 200 characters or fewer.".into() });
    }
    let name = required("name", "A service needs a name.")?;
    let description = required("description", "A service needs a description of what it offers.")?;
    let (organisation_id, organisation_name) = match node.get("organization") {
        Some(org) if org.is_object() => (org.text("id")?, org.text("name")?),
        Some(org) => return Err(org.problem("The organization must be an object in curly brackets { }.")),
        None => (None, None),
    };
    let mut places = Places(HashMap::new());
    places.0.insert("who_for", node.at("eligibilitys"));
    places.0.insert("website", node.at("url"));
    places.0.insert("need", node.at("service_taxonomys"));
    let phone = phone(node, &mut places)?;
    let place = location(node, &mut places)?;
    let (always_open, openings) = super::schedule::schedules(node)?;
    let form = ServiceForm {
        name,
        description,
        need: need(node)?.as_str().to_owned(),
        who_for: who_for(node)?.unwrap_or_default(),
        free: yes_no(fees(node)?),
        referral: yes_no(referral(node)?),
        phone: phone.unwrap_or_default(),
        website: node.text("url")?.unwrap_or_default(),
        address: place.address.unwrap_or_default(),
        email: node.text("email")?.unwrap_or_default(),
        latitude: place.latitude.map(|l| l.to_string()).unwrap_or_default(),
        longitude: place.longitude.map(|l| l.to_string()).unwrap_or_default(),
        always_open: String::new(),
        hours: Default::default(),
    };
    let mut draft = form.check().map_err(|e| {
        let field = e.field().unwrap_or_default();
        let path = places.0.get(field).cloned().unwrap_or_else(|| node.at(field));
        Problem { path, message: e.to_string() }
    })?;
    draft.always_open = always_open;
    draft.openings = openings;
    let checked_on = assured_date(node, today)?;
    // The organisation export writes when none is known is not kept, so an
    // exported file loads back to the same rows.
    let organisation_id = organisation_id.filter(|o| *o != id);
    let organisation_name = organisation_name.filter(|o| *o != draft.name);
    Ok(Incoming {
        assured: checked_on.is_some(),
        listing: Listing {
            external_id: id,
            organisation_id,
            organisation_name,
            draft,
            hidden: hidden(node)?,
            checked_on: checked_on.unwrap_or(today),
        },
    })
}

fn yes_no(answer: Option<bool>) -> String {
    answer.map(|a| if a { "yes" } else { "no" }).unwrap_or_default().to_owned()
}

fn hidden(node: &Node) -> Checked<bool> {
    match node.text("status")?.map(|s| s.to_lowercase()).as_deref() {
        None | Some("active") => Ok(false),
        Some("inactive" | "defunct" | "temporarily closed") => Ok(true),
        Some(_) => Err(Problem {
            path: node.at("status"),
            message: "Use one of these: active, inactive, defunct, temporarily closed.".into(),
        }),
    }
}

/// Free when the costs are all nothing or the fees say so; not free when anything costs.
fn fees(node: &Node) -> Checked<Option<bool>> {
    let mut amounts = Vec::new();
    for cost in node.list("cost_options")? {
        if let Some((amount, _)) = cost.number("amount")? {
            amounts.push(amount);
        }
    }
    if !amounts.is_empty() {
        return Ok(Some(amounts.iter().all(|a| *a == 0.0)));
    }
    const FREE: [&str; 6] = ["free", "free of charge", "no charge", "none", "nil", "£0"];
    Ok(node.text("fees")?.map(|f| {
        let f = f.trim_end_matches('.').to_lowercase();
        f == FEES_FREE.to_lowercase() || FREE.contains(&f.as_str())
    }))
}

fn referral(node: &Node) -> Checked<Option<bool>> {
    match node.text("attending_access")?.map(|s| s.to_lowercase()).as_deref() {
        None => Ok(None),
        Some("referral") => Ok(Some(true)),
        Some("drop-in" | "appointment" | "membership") => Ok(Some(false)),
        Some(_) => Err(Problem {
            path: node.at("attending_access"),
            message: "Use one of these: referral, appointment, membership, drop-in.".into(),
        }),
    }
}

/// Who it is for: every eligibility, joined.
fn who_for(node: &Node) -> Checked<Option<String>> {
    let mut all = Vec::new();
    for e in node.list("eligibilitys")? {
        all.extend(e.text("eligibility")?);
    }
    Ok((!all.is_empty()).then(|| all.join("; ")))
}

/// The first phone number of any contact.
fn phone(node: &Node, places: &mut Places) -> Checked<Option<String>> {
    for contact in node.list("contacts")? {
        for phone in contact.list("phones")? {
            if let Some(number) = phone.text("number")? {
                places.0.insert("phone", phone.at("number"));
                return Ok(Some(number));
            }
        }
    }
    Ok(None)
}

#[derive(Default)]
struct Place {
    address: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// The first location: its address (the parts joined) and where it is.
fn location(node: &Node, places: &mut Places) -> Checked<Place> {
    let Some(at) = node.list("service_at_locations")?.into_iter().next() else { return Ok(Place::default()) };
    let Some(location) = at.get("location") else { return Ok(Place::default()) };
    let mut place = Place::default();
    places.0.insert("latitude", location.at("latitude"));
    places.0.insert("longitude", location.at("longitude"));
    place.latitude = location.number("latitude")?.map(|(n, _)| n);
    place.longitude = location.number("longitude")?.map(|(n, _)| n);
    if let Some(address) = location.list("physical_addresses")?.into_iter().next() {
        let mut parts = Vec::new();
        for part in ["address_1", "address_2", "city", "state_province", "postal_code"] {
            parts.extend(address.text(part)?);
        }
        places.0.insert("address", address.path.clone());
        place.address = (!parts.is_empty()).then(|| parts.join(", "));
    }
    Ok(place)
}

fn need(node: &Node) -> Checked<app::model::hope::Need> {
    for link in node.list("service_taxonomys")? {
        if let Some(term) = link.get("taxonomy") {
            if let Some(need) = taxonomy::need_for(term.text("id")?.as_deref(), term.text("name")?.as_deref()) {
                return Ok(need);
            }
        }
    }
    Err(Problem {
        path: node.at("service_taxonomys"),
        message: format!(
            "No taxonomy term matches a need Waymark knows. Use one of these names: {}.",
            taxonomy::accepted()
        ),
    })
}

fn assured_date(node: &Node, today: Date) -> Checked<Option<Date>> {
    let Some(text) = node.text("assured_date")? else { return Ok(None) };
    let problem = |message: &str| Problem { path: node.at("assured_date"), message: message.into() };
    // A full timestamp ("2026-11-01T09:00:00Z") counts by its date.
    let date: Date = text.get(..10).unwrap_or(&text).parse().map_err(|_| problem("Write the date like 2026-11-01."))?;
    if date > today {
        return Err(problem("The date checked cannot be in the future."));
    }
    Ok(Some(date))
}
