//! Open Referral UK files: office admins export their office's services and
//! import a council's or charity's directory. A file loads whole or not at all,
//! loads twice without change, and an export loads back to the same bytes.

use crate::common::*;
use axum::http::StatusCode;
use server::seed;

const SMALL: &str = include_str!("../../../end2end/fixtures/oruk-small.json");

/// Every row a query gives, to compare before and after.
fn rows(app: &TestApp, sql: &str) -> Vec<String> {
    let conn = app.backend.store_for_tests().read().unwrap();
    let rows = conn.query_map(sql, (), |r| Ok(r.values().to_vec())).unwrap();
    rows.map(|r| format!("{:?}", r.unwrap())).collect()
}

/// Every row of the hope corner's tables and the audit.
fn dump(app: &TestApp) -> Vec<String> {
    ["service", "service_schedule", "audit", "office"]
        .iter()
        .flat_map(|t| rows(app, &format!("SELECT '{t}', * FROM {t} ORDER BY 2, 3, 4, 5")))
        .collect()
}

/// The text of an element, as the page escaped it.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Load a file as the admin's browser does, following the redirect back:
/// (the refusal the form shows, the counts in the address).
async fn import(app: &TestApp, file: &[u8], cookie: &str) -> (Option<String>, Option<String>) {
    let r = app.upload("/caseload/hope/import", "file", "services.json", file, Some(cookie)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.location.clone().expect("a redirect");
    assert!(to.starts_with("/caseload/hope"), "{to}");
    assert!(!to.contains("error"), "no message in the address: {to}");
    let query = to.trim_start_matches("/caseload/hope").trim_start_matches('?').split('#').next().unwrap_or_default();
    let counts = query.starts_with("imported=1").then(|| query.trim_start_matches("imported=1&").to_owned());
    let page = app.follow(&r, Some(cookie)).await.body;
    let error = page.split("class=\"error-message\">").nth(1).and_then(|rest| rest.split("</p>").next()).map(unescape);
    (error, counts)
}

async fn export(app: &TestApp, cookie: &str) -> String {
    let r = app.get("/caseload/hope/export.json", Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

/// Give a demo service every field a file carries, so the round trip covers them.
async fn fill_in_every_field(app: &TestApp, sam: &str) {
    let form = "form[name]=Hill+Street+Pantry&form[description]=Food+you+can+take+home.&form[need]=food\
                &form[who_for]=Anyone&form[free]=no&form[referral]=&form[phone]=01234+567890\
                &form[website]=https%3A%2F%2Fpantry.example&form[address]=3+Hill+Street%2C+Northbridge\
                &form[email]=help%40pantry.example&form[latitude]=51.4601&form[longitude]=-2.5712\
                &form[always_open]=on&form[hours][0]=10%3A00-13%3A00%2C+14%3A00-16%3A30&form[hours][1]=\
                &form[hours][2]=&form[hours][3]=&form[hours][4]=&form[hours][5]=09%3A30-12%3A00&form[hours][6]=";
    let r = app.call("/api/save_service", form, Some(sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let hidden: i64 = app.service_named("Second Chance Clothes");
    let r = app.call("/api/curate_service", &format!("id={hidden}&what=hide"), Some(sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn an_export_loads_into_an_empty_store_and_exports_the_same_bytes() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    fill_in_every_field(&app, &sam).await;
    let first = export(&app, &sam).await;
    let page: serde_json::Value = serde_json::from_str(&first).unwrap();
    let services = page["content"].as_array().unwrap();
    assert_eq!(page["totalElements"], 7);
    assert!(!first.contains("Samaritans"), "national helplines are every office's, not exported");
    let pantry = services.iter().find(|s| s["name"] == "Hill Street Pantry").unwrap();
    assert_eq!(pantry["email"], "help@pantry.example");
    assert_eq!(pantry["service_at_locations"][0]["location"]["latitude"], 51.4601);
    assert_eq!(pantry["regular_schedules"].as_array().unwrap().len(), 7 + 3, "all day every day, and three more");
    assert_eq!(pantry["service_taxonomys"][0]["taxonomy"]["id"], "waymark:food");
    assert_eq!(pantry["fees"], "There may be a charge");
    let id = pantry["id"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "made in Waymark, so a UUID: {id}");
    let clothes = services.iter().find(|s| s["name"] == "Second Chance Clothes").unwrap();
    assert_eq!(clothes["status"], "inactive");
    assert_eq!(export(&app, &sam).await, first, "the same services, the same bytes");

    let empty = TestApp::with(|c| c.demo = false);
    let admin = empty.office_admin("Eastfield", "Eastfield", "admin@eastfield.example").await;
    assert!(export(&empty, &admin).await.contains("\"content\": []"));
    let (error, counts) = import(&empty, first.as_bytes(), &admin).await;
    assert_eq!((error, counts.as_deref()), (None, Some("added=7&changed=0&same=0")));
    assert_eq!(export(&empty, &admin).await, first, "export → import → export gives the same file");
    let page = empty.get("/caseload/hope?imported=1&added=7&changed=0&same=0", Some(&admin)).await.body;
    assert!(page.contains("Done. 7 new, 0 changed, 0 already the same."), "{page}");

    // Loading an office's own export back changes nothing.
    let before = dump(&app);
    let (_, counts) = import(&app, first.as_bytes(), &sam).await;
    assert_eq!(counts.as_deref(), Some("added=0&changed=0&same=7"));
    assert_eq!(dump(&app), before);
}

#[tokio::test]
async fn importing_the_same_file_twice_changes_nothing() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let (error, counts) = import(&app, SMALL.as_bytes(), &sam).await;
    assert_eq!((error, counts.as_deref()), (None, Some("added=2&changed=0&same=0")));
    let once = dump(&app);
    let (_, counts) = import(&app, SMALL.as_bytes(), &sam).await;
    assert_eq!(counts.as_deref(), Some("added=0&changed=0&same=2"));
    assert_eq!(dump(&app), once, "not a row, not an audit line");

    // What the directory said shows in the hope corner.
    let id = app.service_named("Riverside Community Pantry");
    let page = app.get(&format!("/hope/{id}"), None).await.body;
    for words in [
        "Riverside Community Pantry",
        "Tuesday: 10 am to 1 pm",
        "Thursday: 10 am to 12:30 pm",
        "Saturday: 10 am to 12:30 pm",
        "14 Quay Street, Bristol, BS1 4XX",
        "tel:01174960123",
        "pantry@riverside-trust.example.org",
        "No referral needed",
        "Free",
        "Details checked 15 October 2026.",
    ] {
        assert!(page.contains(words), "{words}");
    }
    let job_club = app.get("/hope?need=work", None).await.body;
    assert!(job_club.contains("Harbourside Job Club"), "'Employment' is the work need");

    // A changed file changes only what changed.
    let edited = SMALL.replace("Harbourside Job Club", "Harbourside Jobs Club");
    let (_, counts) = import(&app, edited.as_bytes(), &sam).await;
    assert_eq!(counts.as_deref(), Some("added=0&changed=1&same=1"));
}

/// A small file with one thing wrong, and where it is.
fn spoiled(from: &str, to: &str) -> String {
    assert!(SMALL.contains(from), "{from}");
    SMALL.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

#[tokio::test]
async fn bad_files_are_refused_with_line_and_field_and_nothing_changes() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let before = dump(&app);
    let no_name = spoiled("\"name\": \"Harbourside Job Club\",", "");
    let unknown_need = spoiled("\"name\": \"Employment\"", "\"name\": \"Pet grooming\"");
    let abroad = spoiled("\"latitude\": 51.4523", "\"latitude\": 48.8566");
    let not_a_number = spoiled("\"longitude\": -2.5981", "\"longitude\": \"west\"");
    let bad_json = spoiled("\"status\": \"active\",", "\"status\": \"active\"");
    let bad_time = spoiled("\"opens_at\": \"13:00\"", "\"opens_at\": \"1pm\"");
    let twice = spoiled("riverside-svc-2210", "riverside-svc-1042");
    let monthly = spoiled("\"freq\": \"WEEKLY\"", "\"freq\": \"MONTHLY\"");
    let job_club = line_of(SMALL, "\"id\": \"riverside-svc-2210\"") - 1;
    let cases: Vec<(String, String)> = vec![
        (no_name.clone(), format!("Line {job_club}, content[1].name: A service needs a name.")),
        (
            unknown_need.clone(),
            format!(
                "Line {}, content[1].service_taxonomys: No taxonomy term matches a need Waymark knows. Use one of \
                 these names: Food, Clothes, Somewhere to stay, Money and debt, Benefits, ID documents, Health and \
                 mental health, Drugs and alcohol, Work, Training and learning, Family and relationships, Someone to \
                 talk to, Help for families.",
                line_of(&unknown_need, "\"service_taxonomys\": [{")
            ),
        ),
        (
            abroad.clone(),
            format!(
                "Line {}, content[0].service_at_locations[0].location.latitude: That latitude is not in the UK. UK \
                 values are between 49.8 and 60.9.",
                line_of(&abroad, "48.8566")
            ),
        ),
        (
            not_a_number.clone(),
            format!(
                "Line {}, content[0].service_at_locations[0].location.longitude: Write this as a number in decimal degrees, like 51.4545 or \
                 -2.5879.",
                line_of(&not_a_number, "\"west\"")
            ),
        ),
        (
            bad_json.clone(),
            format!(
                "Line {}, column 7: This is not valid JSON. Look for a missing comma, bracket or quote mark just \
                 before here.",
                line_of(&bad_json, "\"fees\": \"Free\"")
            ),
        ),
        (
            bad_time.clone(),
            format!(
                "Line {}, content[1].regular_schedules[0].opens_at: Write the time like 09:30 (UK time, 24-hour clock).",
                line_of(&bad_time, "1pm")
            ),
        ),
        (
            twice.clone(),
            format!(
                "Line {}, content[1].id: This id is used twice in the file (also at content[0]). Each service needs \
                 its own id.",
                line_of(SMALL, "\"id\": \"riverside-svc-2210\"")
            ),
        ),
        (
            monthly.clone(),
            format!(
                "Line {}, content[0].regular_schedules[0].freq: Waymark keeps opening times that repeat every week \
                 (freq WEEKLY).",
                line_of(&monthly, "MONTHLY")
            ),
        ),
        ("{\"content\": [".into(), "Line 1, column 13: The file ends too soon. A bracket or quote mark is not closed.".into()),
        ("{\"services\": 3}".into(), "The file must hold a list of services: an Open Referral UK page with \"content\": [ … ], or a list [ … ].".into()),
        (String::new(), "Choose a file to import first. Nothing was imported.".into()),
    ];
    for (file, says) in cases {
        let (error, counts) = import(&app, file.as_bytes(), &sam).await;
        assert_eq!(counts, None);
        let error = error.expect("refused");
        let expected = if says.starts_with("Choose") { says } else { format!("Nothing was imported. {says}") };
        assert_eq!(error, expected);
        assert_eq!(dump(&app), before, "nothing half-imported: {error}");
    }
    // The form shows the reason by the file input.
    let refused = app.upload("/caseload/hope/import", "file", "services.json", no_name.as_bytes(), Some(&sam)).await;
    let page = app.follow(&refused, Some(&sam)).await.body;
    assert!(page.contains("A service needs a name.") && page.contains("role=\"alert\""), "{page}");
    // Shown once; and a link cannot make the page say anything.
    let again = app.get("/caseload/hope", Some(&sam)).await.body;
    assert!(!again.contains("A service needs a name."), "the message is gone once shown");
    let crafted = app.get("/caseload/hope?import_error=Your+licence+has+been+recalled", Some(&sam)).await.body;
    assert!(!crafted.contains("recalled"), "{crafted}");
}

#[tokio::test]
async fn oversized_files_are_refused_plainly() {
    let app = TestApp::with(|c| c.max_import_bytes = 4 * 1024);
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let before = dump(&app);
    let big = format!("[{}]", [SMALL; 2].join(","));
    assert!(big.len() > 4 * 1024);
    let (error, _) = import(&app, big.as_bytes(), &sam).await;
    assert_eq!(
        error.as_deref(),
        Some(
            "That file is too big. Waymark takes files up to 4 KB. Nothing was imported. Split it into smaller files."
        )
    );
    // Larger than the whole request may be: refused before it is read.
    let huge = "x".repeat(64 * 1024);
    let (error, _) = import(&app, huge.as_bytes(), &sam).await;
    assert!(error.unwrap_or_default().starts_with("That file is too big."));
    assert_eq!(dump(&app), before);
}

#[tokio::test]
async fn an_import_never_touches_another_office() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let robin = app.office_admin("Southgate (test)", "Southgate", "robin@test.waymark.example").await;
    let northbridge = export(&app, &sam).await;
    assert!(export(&app, &robin).await.contains("\"content\": []"), "Robin sees only Southgate's");
    let northbridge_rows = |app: &TestApp| {
        let mut all = rows(app, "SELECT * FROM service WHERE office_id IS NULL OR office_id = 1 ORDER BY id");
        all.extend(rows(
            app,
            "SELECT h.* FROM service_schedule h JOIN service s ON s.id = h.service_id
             WHERE s.office_id IS NULL OR s.office_id = 1 ORDER BY h.service_id, h.weekday, h.opens",
        ));
        all
    };
    let before = northbridge_rows(&app);

    // Robin loads Northbridge's own file: Southgate gets copies; Northbridge's rows stay as they were.
    let (_, counts) = import(&app, northbridge.as_bytes(), &robin).await;
    assert_eq!(counts.as_deref(), Some("added=6&changed=0&same=0"));
    assert_eq!(northbridge_rows(&app), before);
    assert_eq!(export(&app, &sam).await, northbridge);
    assert_eq!(export(&app, &robin).await.matches("\"status\": \"active\"").count(), 6);
    let southgate = app.get("/hope?area=Southgate", None).await.body;
    assert!(southgate.contains("Northbridge Food Bank"), "Southgate's copy is listed in Southgate");

    // A non-admin, a person, and nobody at all cannot load or download a file.
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let middle = dump(&app);
    for cookie in [Some(priya.as_str()), Some(jay.as_str())] {
        assert_eq!(
            app.upload("/caseload/hope/import", "file", "services.json", SMALL.as_bytes(), cookie).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(app.get("/caseload/hope/export.json", cookie).await.status, StatusCode::FORBIDDEN);
    }
    let r = app.upload("/caseload/hope/import", "file", "services.json", SMALL.as_bytes(), None).await;
    assert_eq!(r.location.as_deref(), Some("/practitioner/sign-in"));
    assert_eq!(dump(&app), middle);
}
