//! No GET writes to the database (issue 14.4). Every page and file a person,
//! a visitor or a supporter can fetch leaves every table exactly as it was.
//! A practitioner's read of a case adds audit rows ("read:…") and nothing
//! else: that record is the point (who looked, from where, in `audit.rs`).
//!
//! Two writes on a GET are deliberate and outside this test's window: a
//! session's last use, written at most once a minute (so an idle session
//! ends), and a failed form's kept error, deleted as its page shows it once
//! (`form_state.rs`). Neither happens here: the sessions are fresh and no
//! form failed.

use super::common::*;
use axum::http::StatusCode;
use server::seed;
use server::store::Value;

/// Every row of every table but `audit` (and SQLite's own), as text.
fn everything_but_audit(app: &TestApp) -> Vec<String> {
    let conn = app.backend.store_for_tests().read().unwrap();
    let tables: Vec<String> = conn.tables().expect("tables").into_iter().filter(|t| t != "audit").collect();
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).expect("select");
        let mut all = stmt.query(()).expect("rows");
        while let Some(row) = all.next().expect("row") {
            let values: Vec<String> = row
                .values()
                .iter()
                .map(|v| match v {
                    Value::Bytes(b) => format!("blob {}", b.len()),
                    Value::Text(t) => t.clone(),
                    v => format!("{v:?}"),
                })
                .collect();
            rows.push(format!("{table}: {}", values.join(", ")));
        }
    }
    rows
}

/// The rows in one list and not the other: what a request wrote.
fn changed(before: &[String], after: &[String]) -> Vec<String> {
    let gone = before.iter().filter(|r| !after.contains(r)).map(|r| format!("- {r}"));
    let new = after.iter().filter(|r| !before.contains(r)).map(|r| format!("+ {r}"));
    gone.chain(new).collect()
}

fn audit_actions(app: &TestApp) -> Vec<String> {
    let conn = app.backend.store_for_tests().read().unwrap();
    let mut stmt = conn.prepare("SELECT action FROM audit ORDER BY id").expect("audit");
    stmt.query_map((), |r| r.get(0)).expect("audit").collect::<Result<_, _>>().expect("audit")
}

/// A share link of Jay's, made straight in the store: its token.
fn share_token(app: &TestApp) -> &'static str {
    let conn = app.backend.store_for_tests().write().unwrap();
    conn.execute(
        "INSERT INTO share_link (case_id, token_hash, who, show_appointments, show_licence, show_steps, created_at, ends_at)
         VALUES (?1, ?2, 'Mum', 1, 1, 1, unixepoch(), unixepoch() + 86400)",
        server::params![JAY, server::auth::token_hash("reads-token")],
    )
    .expect("share link");
    "reads-token"
}

#[tokio::test]
async fn pages_for_people_visitors_and_supporters_write_nothing() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let map = app.jays_map();
    let person = [
        "/me".to_owned(),
        "/me/licence".to_owned(),
        "/me/appointments".to_owned(),
        "/me/steps".to_owned(),
        "/me/share".to_owned(),
        "/me/who-has-looked".to_owned(),
        format!("/me/licence/{map}/map"),
        "/me/appointments/1/calendar.ics".to_owned(),
        "/hope".to_owned(),
        "/hope?need=food&area=Northbridge".to_owned(),
        "/hope/1".to_owned(),
        "/hope/families".to_owned(),
        "/hope/safety".to_owned(),
        "/hope/print".to_owned(),
        "/hope/near?need=food".to_owned(),
    ];
    let public = ["/", "/sign-in", "/activate", "/practitioner/sign-in", "/hope", "/hope/1", "/hope/print", "/health"];
    let (rows, audit) = (everything_but_audit(&app), audit_actions(&app));
    for path in &person {
        let r = app.get(path, Some(&jay)).await;
        assert_eq!(r.status, StatusCode::OK, "GET {path}");
        assert_eq!(changed(&rows, &everything_but_audit(&app)), Vec::<String>::new(), "GET {path} as Jay wrote");
        assert_eq!(audit_actions(&app), audit, "GET {path} as Jay wrote to the audit");
    }
    for path in public {
        let r = app.get(path, None).await;
        assert_eq!(r.status, StatusCode::OK, "GET {path}");
        assert_eq!(changed(&rows, &everything_but_audit(&app)), Vec::<String>::new(), "GET {path} as a visitor wrote");
        assert_eq!(audit_actions(&app), audit, "GET {path} as a visitor wrote to the audit");
    }
    // A supporter's look is recorded for the person to see (audit), and nothing else changes.
    let token = share_token(&app);
    let before = everything_but_audit(&app);
    let audit_before = audit_actions(&app).len();
    assert_eq!(app.get(&format!("/shared/{token}"), None).await.status, StatusCode::OK);
    assert_eq!(changed(&before, &everything_but_audit(&app)), Vec::<String>::new(), "a supporter's look wrote");
    let added = audit_actions(&app).split_off(audit_before);
    assert!(added.iter().all(|a| a.starts_with("read:")), "only read records: {added:?}");
}

#[tokio::test]
async fn a_practitioners_reads_add_audit_rows_and_nothing_else() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let map = app.jays_map();
    let pages = [
        "/caseload".to_owned(),
        "/caseload/new".to_owned(),
        format!("/caseload/{JAY}"),
        format!("/caseload/{JAY}/licence"),
        format!("/caseload/{JAY}/licence/add"),
        format!("/caseload/{JAY}/licence/1/edit"),
        format!("/caseload/{JAY}/licence/1/remove"),
        format!("/caseload/{JAY}/appointments"),
        format!("/caseload/{JAY}/appointments/1/edit"),
        format!("/caseload/{JAY}/appointments/1/cancel"),
        format!("/caseload/{JAY}/steps"),
        format!("/caseload/{JAY}/phone-lost"),
        format!("/caseload/{JAY}/calendar.ics"),
        format!("/caseload/{JAY}/licence/{map}/map"),
        "/caseload/step-prices".to_owned(),
        "/caseload/hope".to_owned(),
        "/caseload/hope/new".to_owned(),
        "/caseload/hope/1/edit".to_owned(),
        "/hope".to_owned(),
    ];
    let before = everything_but_audit(&app);
    for path in &pages {
        let audit_before = audit_actions(&app).len();
        let r = app.get(path, Some(&sam)).await;
        assert_eq!(r.status, StatusCode::OK, "GET {path}");
        assert_eq!(changed(&before, &everything_but_audit(&app)), Vec::<String>::new(), "GET {path} as Sam wrote");
        let added = audit_actions(&app).split_off(audit_before);
        assert!(added.iter().all(|a| a.starts_with("read:")), "GET {path}: only read records: {added:?}");
    }
}
