//! Demo data for the embedded default: one office, two practitioners and a
//! national admin, three
//! people on licence, a handful of hope-corner services. Idempotent: a second
//! run finds the demo office and changes nothing. Refused in production.

use crate::auth;
use crate::store::{self, NewPractitioner, NewService, Store, StoreResult};
use crate::store::{Conn, ServiceDetails};
use app::model::catalogue::Details;
use app::model::place::Coordinates;
use app::model::*;
use jiff::{civil::Date, Timestamp, ToSpan};

pub const DEMO_PASSWORD: &str = "waymark-demo";
pub const DEMO_PRACTITIONER: &str = "practitioner@demo.waymark.example";
pub const DEMO_COLLEAGUE: &str = "colleague@demo.waymark.example";
/// Changes what every office shows (national helplines, step prices); has no cases.
pub const DEMO_NATIONAL_ADMIN: &str = "national@demo.waymark.example";
/// Jay has activated: sign in with this number and PIN.
pub const DEMO_PERSON_NUMBER: &str = "40000001";
pub const DEMO_PERSON_PIN: &str = "2580";
/// Dee has not activated yet: this code works once (a fresh seed makes it again).
pub const DEMO_ACTIVATION_CODE: &str = "WAYM-2468";

/// The v4.0 standard licence conditions (every licence has them).
const STANDARD_V4: [&str; 8] = [
    "9ce9d594-e346-4785-9642-c87e764bee37",
    "3361683a-504a-4357-ae22-6aa01b370b4a",
    "9fc04065-df29-4bda-9b1d-bced8335c356",
    "e670ac69-eda2-4b04-a0a1-a3c8492fe1e6",
    "78A5F860-4791-48F2-B707-D6D4413850EE",
    "6FA6E492-F0AB-4E76-B868-63813DB44696",
    "88069445-08cb-4f16-915f-5a162d085c26",
    "7d416906-0e94-4fde-ae86-8339d339ccb7",
];
const CURFEW: &str = "52faefcf-15f0-42c5-b908-621b4a7ecdb9";
const JOB_CENTRE: &str = "b149bc47-b279-427b-9ddc-c472fdc74ba5";
const DRUG_TEST: &str = "322bb3f7-2ee1-46aa-ae1c-3f743efd4327";
const MENTAL_HEALTH_VISITS: &str = "9ae2a336-3491-4667-aaed-dd852b09b4b9";

/// What `seed` did, for the start-up message.
#[derive(Debug, PartialEq, Eq)]
pub enum Seeded {
    Created,
    AlreadyThere,
}

pub fn seed(store: &Store) -> StoreResult<Seeded> {
    store.write_tx(|tx| seed_in(tx))
}

fn seed_in(tx: &Conn) -> StoreResult<Seeded> {
    if store::has_demo_data(tx)? {
        return Ok(Seeded::AlreadyThere);
    }
    let hash = |s: &str| auth::hash_secret(s).map_err(|e| store::StoreError::Corrupt(e.to_string()));
    let password = hash(DEMO_PASSWORD)?;
    let office = store::insert_office(
        &tx,
        "Northbridge Probation Office (demo)",
        "1 Station Road, Northbridge NB1 1AA",
        "Northbridge",
        true,
    )?;
    let sam = store::insert_practitioner(
        &tx,
        &NewPractitioner {
            office_id: office,
            name: "Sam Okafor",
            email: DEMO_PRACTITIONER,
            password_hash: &password,
            admin: Admin::Office,
            is_demo: true,
        },
    )?;
    let priya = store::insert_practitioner(
        &tx,
        &NewPractitioner {
            office_id: office,
            name: "Priya Shah",
            email: DEMO_COLLEAGUE,
            password_hash: &password,
            admin: Admin::No,
            is_demo: true,
        },
    )?;
    store::insert_practitioner(
        &tx,
        &NewPractitioner {
            office_id: office,
            name: "Nia Evans",
            email: DEMO_NATIONAL_ADMIN,
            password_hash: &password,
            admin: Admin::National,
            is_demo: true,
        },
    )?;

    let now = Timestamp::now();
    let today = now.to_zoned(app::format::london()).date();
    let licence = |months: i32| NewCase {
        preferred_name: String::new(),
        licence_start: today.checked_sub(14.days()).unwrap_or(today),
        licence_end: today.checked_add(months.months()).unwrap_or(today),
    };
    // At 10:30 London time, `days` from today.
    let at = |days: i64, hour: i8, minute: i8| -> Timestamp {
        today
            .checked_add(days.days())
            .unwrap_or(today)
            .at(hour, minute, 0, 0)
            .to_zoned(app::format::london())
            .map(|z| z.timestamp())
            .unwrap_or(now)
    };

    // Jay: activated, some conditions understood, one question.
    let jay = store::insert_case(
        &tx,
        office,
        sam,
        &NewCase { preferred_name: "Jay".into(), ..licence(9) },
        DEMO_PERSON_NUMBER,
        true,
    )?;
    store::set_pin(&tx, jay, &hash(DEMO_PERSON_PIN)?)?;
    add_conditions(
        &tx,
        jay,
        &[JOB_CENTRE, DRUG_TEST],
        // The question goes with the rule about where to stay (the second standard condition).
        &["understood", "Does my mum's flat count as staying somewhere else?", "understood", "understood"],
    )?;
    let curfew: Details = [("numberOfCurfews", "One curfew"), ("oneCurfewStart", "19:00"), ("oneCurfewEnd", "07:00")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), vec![v.to_owned()]))
        .collect();
    let explained =
        "Be home by 7 in the evening. Stay in until 7 in the morning. If work needs you out late, ask me first.";
    store::insert_answered_condition(&tx, jay, "4.0", CURFEW, &curfew, Some(explained), None)?;
    store::insert_explanation(
        &tx,
        jay,
        sam,
        ExplanationKind::Decision,
        "Why you have a curfew",
        "You have a curfew for the first three months. It helps you settle in. We will look at it again in February.",
    )?;

    // What Jay told us about himself (issue 12.1): his officer sees it, and
    // is warned before setting an appointment in Friday prayers.
    use app::model::about::{Busy, BusyKind, BusyWhen, Help, Prefs, Reach};
    store::set_prefs(
        &tx,
        jay,
        &Prefs {
            reach: vec![Reach::Text, Reach::ReadAloud],
            helps: vec![Help::WrittenDown],
            working_on: Some("Getting a job in a warehouse, and seeing my daughter more.".into()),
        },
    )?;
    let time = |t: &str| t.parse::<jiff::civil::Time>().map_err(|e| store::StoreError::Corrupt(e.to_string()));
    store::insert_busy(
        &tx,
        jay,
        &Busy {
            kind: BusyKind::Faith,
            name: Some("Friday prayers".into()),
            when: BusyWhen::Weekly { day: jiff::civil::Weekday::Friday, from: time("12:30")?, to: time("14:00")? },
        },
    )?;

    let place = "Northbridge Probation Office, 1 Station Road";
    store::insert_appointment(
        &tx,
        jay,
        &AppointmentDraft {
            kind: AppointmentKind::Supervision,
            starts_at: at(1, 10, 30),
            duration_min: 45,
            place: place.to_owned(),
            with_whom: Some("Sam Okafor".into()),
            bring: Some("Your licence".into()),
            repeat: Repeat::Weekly,
            repeat_count: 12,
            ..blank()
        },
    )?;
    store::insert_appointment(
        &tx,
        jay,
        &AppointmentDraft {
            kind: AppointmentKind::JobCentre,
            starts_at: at(3, 14, 0),
            duration_min: 30,
            place: "Northbridge Jobcentre, 12 High Street".to_owned(),
            with_whom: None,
            bring: Some("Any ID you have".into()),
            ..blank()
        },
    )?;
    add_steps(
        &tx,
        jay,
        sam,
        &[StepStatus::Done, StepStatus::InProgress, StepStatus::NotStarted, StepStatus::Stuck, StepStatus::Done],
    )?;

    // Dee: not activated yet; a demo code waits.
    let dee = store::insert_case(
        &tx,
        office,
        sam,
        &NewCase { preferred_name: "Dee".into(), ..licence(6) },
        "40000002",
        true,
    )?;
    add_conditions(&tx, dee, &[MENTAL_HEALTH_VISITS], &[])?;
    store::insert_appointment(
        &tx,
        dee,
        &AppointmentDraft {
            kind: AppointmentKind::Induction,
            starts_at: at(2, 11, 0),
            duration_min: 60,
            place: place.to_owned(),
            with_whom: Some("Sam Okafor".into()),
            bring: Some("Your licence and any letters from prison".into()),
            ..blank()
        },
    )?;
    store::insert_appointment(
        &tx,
        dee,
        &AppointmentDraft {
            kind: AppointmentKind::Gp,
            starts_at: at(6, 9, 0),
            duration_min: 20,
            place: "Northbridge Health Centre, 3 Park Road".to_owned(),
            with_whom: None,
            bring: Some("Your prison discharge letter".into()),
            ..blank()
        },
    )?;
    add_steps(&tx, dee, sam, &[StepStatus::NotStarted, StepStatus::NotStarted, StepStatus::NotStarted])?;
    store::replace_code(&tx, dee, DEMO_ACTIVATION_CODE, sam, now.as_second() + auth::CODE_VALID_SECONDS)?;

    // Alex: Priya's case, so the two practitioners see different caseloads.
    let alex = store::insert_case(
        &tx,
        office,
        priya,
        &NewCase { preferred_name: "Alex".into(), ..licence(12) },
        "40000003",
        true,
    )?;
    store::set_pin(&tx, alex, &hash("1357")?)?;
    add_conditions(&tx, alex, &[DRUG_TEST], &["understood"])?;
    store::insert_appointment(
        &tx,
        alex,
        &AppointmentDraft {
            kind: AppointmentKind::DrugAndAlcohol,
            starts_at: at(4, 9, 30),
            duration_min: 60,
            place: "Northbridge Recovery Hub, 5 Mill Lane".to_owned(),
            with_whom: None,
            bring: None,
            ..blank()
        },
    )?;
    store::insert_appointment(
        &tx,
        alex,
        &AppointmentDraft {
            kind: AppointmentKind::Supervision,
            starts_at: at(8, 15, 0),
            duration_min: 45,
            place: place.to_owned(),
            with_whom: Some("Priya Shah".into()),
            bring: Some("Your licence".into()),
            repeat: Repeat::Fortnightly,
            repeat_count: 6,
            ..blank()
        },
    )?;
    add_steps(&tx, alex, priya, &[StepStatus::Done, StepStatus::Done, StepStatus::InProgress])?;

    seed_services(tx, office)?;
    Ok(Seeded::Created)
}

/// The standard conditions plus `additional` ones; `answers` go to them in order.
fn add_conditions(conn: &Conn, case: CaseId, additional: &[&str], answers: &[&str]) -> StoreResult<Vec<ConditionId>> {
    let mut ids = Vec::new();
    for (i, code) in STANDARD_V4.iter().chain(additional).enumerate() {
        let answer = match answers.get(i).copied() {
            Some("understood") => Some(Answer::Understood),
            Some(question) if !question.is_empty() => Some(Answer::Question(question.to_owned())),
            _ => None,
        };
        ids.push(store::insert_answered_condition(conn, case, "4.0", code, &Default::default(), None, answer)?);
    }
    Ok(ids)
}

/// The common first steps, in order; `statuses` sets as many as given, each
/// change recorded as made by the practitioner (a stuck step gets a reason).
fn add_steps(conn: &Conn, case: CaseId, by: PractitionerId, statuses: &[StepStatus]) -> StoreResult<()> {
    for (i, step) in store::insert_standard_steps(conn, case)?.into_iter().enumerate() {
        match statuses.get(i).copied() {
            None | Some(StepStatus::NotStarted) => {}
            Some(StepStatus::Stuck) => {
                store::set_step_status(conn, case, step, Some(by), StepStatus::Stuck, Some("Needs a photo first"))?;
            }
            Some(status) => {
                store::set_step_status(conn, case, step, Some(by), status, None)?;
            }
        }
    }
    Ok(())
}

fn seed_services(conn: &Conn, office: OfficeId) -> StoreResult<()> {
    let checked: Date = jiff::civil::date(2026, 11, 1);
    // National helplines: numbers checked on the date above.
    let national = [
        (
            "Samaritans",
            "Someone to talk to, any time, day or night. Free to call.",
            "someone_to_talk_to",
            "116 123",
            "https://www.samaritans.org",
        ),
        (
            "Shelter emergency helpline",
            "Help if you have nowhere to stay tonight or may lose your home.",
            "somewhere_to_stay",
            "0808 800 4444",
            "https://www.shelter.org.uk",
        ),
        (
            "National Debtline",
            "Free, private advice about debt.",
            "money_and_debt",
            "0808 808 4000",
            "https://nationaldebtline.org",
        ),
        (
            "FRANK",
            "Honest facts and advice about drugs. Free and private.",
            "drugs_and_alcohol",
            "0300 123 6600",
            "https://www.talktofrank.com",
        ),
        (
            "National Domestic Abuse Helpline",
            "Free help if someone is hurting or scaring you. Open all day and night.",
            "family_and_relationships",
            "0808 2000 247",
            "https://www.nationaldahelpline.org.uk",
        ),
        (
            "Prisoners' Families Helpline",
            "Help for family and friends of someone in prison or on licence.",
            "families",
            "0808 808 2003",
            "https://www.prisonersfamilies.org",
        ),
    ];
    // Open all day and night, as each service says of itself; other hours are left
    // unknown ("call to check") rather than guessed.
    let always_open = ["Samaritans", "FRANK", "National Domestic Abuse Helpline"];
    for (name, description, category, phone, website) in national {
        let id = store::insert_service(
            conn,
            &NewService {
                office: None,
                external_id: None,
                name,
                description,
                category,
                phone: Some(phone),
                website: Some(website),
                address: None,
                is_demo: false,
                checked_on: checked,
            },
        )?;
        let details = ServiceDetails {
            who_for: None,
            free: Some(true),
            referral: Some(false),
            always_open: always_open.contains(&name),
            openings: &[],
        };
        store::set_service_details(conn, id, &details)?;
    }
    // Demo services: made up, and marked so on every page that shows them.
    type Local<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, bool, &'a [(u8, &'a str, &'a str)]);
    let weekdays = |opens, closes| {
        [(1, opens, closes), (2, opens, closes), (3, opens, closes), (4, opens, closes), (5, opens, closes)]
    };
    let hub = weekdays("09:00", "17:00");
    let housing = weekdays("09:00", "16:30");
    let local: [Local; 6] = [
        (
            "Northbridge Food Bank",
            "Free food parcels. Ask your probation officer for a voucher.",
            "food",
            "1 Chapel Street, Northbridge",
            "Anyone who cannot afford food. Bring your voucher.",
            true,
            &[(1, "10:00", "13:00"), (3, "10:00", "13:00"), (5, "10:00", "13:00")],
        ),
        (
            "St Anne's Soup Kitchen",
            "Hot meals every evening at 6 pm. Everyone is welcome.",
            "food",
            "St Anne's Hall, Northbridge",
            "Anyone. You do not need to book.",
            false,
            &[
                (1, "18:00", "19:30"),
                (2, "18:00", "19:30"),
                (3, "18:00", "19:30"),
                (4, "18:00", "19:30"),
                (5, "18:00", "19:30"),
                (6, "18:00", "19:30"),
                (7, "18:00", "19:30"),
            ],
        ),
        (
            "Second Chance Clothes",
            "Free clothes and shoes, including for job interviews.",
            "clothing",
            "22 Market Row, Northbridge",
            "Anyone who needs clothes, and people going to an interview.",
            false,
            &[(2, "10:00", "15:00"), (4, "10:00", "15:00")],
        ),
        (
            "Northbridge Recovery Hub",
            "Support with drugs and alcohol. You can just walk in.",
            "drugs_and_alcohol",
            "5 Mill Lane, Northbridge",
            "Anyone worried about drugs or drink, and their families.",
            false,
            &hub,
        ),
        (
            "Northbridge Housing Options",
            "Help if you have nowhere to live or may lose your home.",
            "somewhere_to_stay",
            "Town Hall, Northbridge",
            "Anyone in Northbridge with no safe place to stay.",
            false,
            &housing,
        ),
        (
            "Fresh Start Mentors",
            "A mentor who has been through it helps you find work.",
            "work",
            "12 Bridge Street, Northbridge",
            "People on licence looking for work or training.",
            true,
            &[(2, "10:00", "16:00"), (4, "10:00", "16:00")],
        ),
    ];
    // Northbridge is made up; its places sit around central Bristol so that
    // "nearest first" has real distances to sort (the demo's phone location is
    // near 51.45, -2.59).
    let places = [
        ("Northbridge Food Bank", 51.4572, -2.5853),
        ("St Anne's Soup Kitchen", 51.4498, -2.5961),
        ("Second Chance Clothes", 51.4635, -2.5790),
        ("Northbridge Recovery Hub", 51.4410, -2.6020),
        ("Northbridge Housing Options", 51.4545, -2.5970),
        ("Fresh Start Mentors", 51.4700, -2.6100),
    ];
    for (name, description, category, address, who_for, referral, openings) in local {
        let id = store::insert_service(
            conn,
            &NewService {
                office: Some(office),
                external_id: None,
                name,
                description,
                category,
                phone: None,
                website: None,
                address: Some(address),
                is_demo: true,
                checked_on: checked,
            },
        )?;
        let details = ServiceDetails {
            who_for: Some(who_for),
            free: Some(true),
            referral: Some(referral),
            always_open: false,
            openings,
        };
        store::set_service_details(conn, id, &details)?;
        let at = places.iter().find(|p| p.0 == name).map(|p| Coordinates::from_degrees(p.1, p.2));
        store::set_contact_and_place(conn, id, None, at)?;
    }
    // England and Wales bank holidays the demo office closes on (gov.uk/bank-holidays).
    for (on, name) in [
        (jiff::civil::date(2026, 12, 25), "Christmas Day"),
        (jiff::civil::date(2026, 12, 28), "Boxing Day (substitute day)"),
        (jiff::civil::date(2027, 1, 1), "New Year's Day"),
        (jiff::civil::date(2027, 3, 26), "Good Friday"),
        (jiff::civil::date(2027, 3, 29), "Easter Monday"),
    ] {
        store::add_bank_holiday(conn, office, on, name)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeding_twice_changes_nothing() {
        let (store, _dir) = crate::store::testing::store();
        assert_eq!(seed(&store).unwrap(), Seeded::Created);
        let count = |store: &Store| -> i64 {
            store
                .read()
                .unwrap()
                .query_row(
                    "SELECT (SELECT COUNT(*) FROM office) + (SELECT COUNT(*) FROM practitioner) + (SELECT COUNT(*) FROM cases)
                          + (SELECT COUNT(*) FROM case_condition) + (SELECT COUNT(*) FROM appointment)
                          + (SELECT COUNT(*) FROM step) + (SELECT COUNT(*) FROM service)",
                    (),
                    |r| r.get(0),
                )
                .unwrap()
        };
        let before = count(&store);
        assert_eq!(seed(&store).unwrap(), Seeded::AlreadyThere);
        assert_eq!(count(&store), before);
        let cases: i64 = store.read().unwrap().query_row("SELECT COUNT(*) FROM cases", (), |r| r.get(0)).unwrap();
        assert_eq!(cases, 3);
    }
}

/// The fields demo appointments leave empty.
fn blank() -> AppointmentDraft {
    AppointmentDraft {
        kind: AppointmentKind::Other,
        starts_at: Timestamp::now(),
        duration_min: 60,
        place: String::new(),
        room: None,
        with_whom: None,
        bring: None,
        notes: None,
        phone: Some("01632 960 000".into()),
        repeat: Repeat::Never,
        repeat_count: 1,
        clash_reason: None,
    }
}
