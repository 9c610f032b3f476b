//! Every route and server function against every role: anonymous, person A
//! (Jay), person B (Alex), the practitioner of A (Sam) and another practitioner
//! (Priya, who has Alex but not Jay).

use super::common::*;
use axum::http::StatusCode;
use server::seed;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Anonymous,
    PersonA,
    PersonB,
    PractitionerOfA,
    OtherPractitioner,
}
use Role::*;

const ROLES: [Role; 5] = [Anonymous, PersonA, PersonB, PractitionerOfA, OtherPractitioner];

async fn cookies(app: &TestApp) -> Vec<(Role, Option<String>)> {
    vec![
        (Anonymous, None),
        (PersonA, Some(app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await)),
        (PersonB, Some(app.person(ALEX_NUMBER, ALEX_PIN).await)),
        (PractitionerOfA, Some(app.practitioner(seed::DEMO_PRACTITIONER).await)),
        (OtherPractitioner, Some(app.practitioner(seed::DEMO_COLLEAGUE).await)),
    ]
}

/// Expected outcome: a status, or a redirect to a path.
#[derive(Debug, PartialEq)]
enum Expect {
    Ok,
    Redirect(&'static str),
    Status(u16),
}

fn outcome(r: &Reply) -> Expect {
    match r.status.as_u16() {
        200 => Expect::Ok,
        301..=303 | 307 => match r.location.as_deref() {
            Some("/sign-in") => Expect::Redirect("/sign-in"),
            Some("/practitioner/sign-in") => Expect::Redirect("/practitioner/sign-in"),
            other => panic!("unexpected redirect to {other:?}"),
        },
        s => Expect::Status(s),
    }
}

#[tokio::test]
async fn pages_against_every_role() {
    let app = TestApp::new();
    let cookies = cookies(&app).await;
    let jay = format!("/caseload/{JAY}");
    let alex = format!("/caseload/{ALEX}");
    let jay_licence = format!("/caseload/{JAY}/licence");
    let jay_add = format!("/caseload/{JAY}/licence/add");
    let jay_add_curfew = format!("/caseload/{JAY}/licence/add/4.0/52faefcf-15f0-42c5-b908-621b4a7ecdb9");
    let jay_edit = format!("/caseload/{JAY}/licence/1/edit");
    let alex_licence = format!("/caseload/{ALEX}/licence");
    let jay_appointments = format!("/caseload/{JAY}/appointments");
    let jay_edit_appointment = format!("/caseload/{JAY}/appointments/1/edit");
    let jay_steps = format!("/caseload/{JAY}/steps");
    let public = |_: Role| Expect::Ok;
    let person_page = |r: Role| match r {
        Anonymous => Expect::Redirect("/sign-in"),
        PersonA | PersonB => Expect::Ok,
        _ => Expect::Status(403),
    };
    let practitioner_page = |r: Role| match r {
        Anonymous => Expect::Redirect("/practitioner/sign-in"),
        PersonA | PersonB => Expect::Status(403),
        _ => Expect::Ok,
    };
    let case_of = |owner: Role| {
        move |r: Role| match r {
            Anonymous => Expect::Redirect("/practitioner/sign-in"),
            PersonA | PersonB => Expect::Status(403),
            r if r == owner => Expect::Ok,
            _ => Expect::Status(404),
        }
    };
    // Office admins only: Sam is one, Priya is not.
    let admin_page = |r: Role| match r {
        Anonymous => Expect::Redirect("/practitioner/sign-in"),
        PractitionerOfA => Expect::Ok,
        _ => Expect::Status(403),
    };
    let table: Vec<(&str, Box<dyn Fn(Role) -> Expect>)> = vec![
        ("/", Box::new(public)),
        ("/sign-in", Box::new(public)),
        ("/activate", Box::new(public)),
        ("/practitioner/sign-in", Box::new(public)),
        ("/hope", Box::new(public)),
        ("/hope?need=food&area=Northbridge", Box::new(public)),
        ("/hope/1", Box::new(public)),
        ("/hope/families", Box::new(public)),
        ("/hope/print", Box::new(public)),
        ("/hope/99999", Box::new(|_| Expect::Status(404))),
        ("/health", Box::new(public)),
        ("/no-such-page", Box::new(|_| Expect::Status(404))),
        ("/me", Box::new(person_page)),
        ("/caseload", Box::new(practitioner_page)),
        ("/caseload/new", Box::new(practitioner_page)),
        (&jay, Box::new(case_of(PractitionerOfA))),
        (&alex, Box::new(case_of(OtherPractitioner))),
        ("/caseload/999", Box::new(case_of(Anonymous))),
        ("/me/licence", Box::new(person_page)),
        (&jay_licence, Box::new(case_of(PractitionerOfA))),
        (&jay_add, Box::new(case_of(PractitionerOfA))),
        (&jay_add_curfew, Box::new(case_of(PractitionerOfA))),
        (&jay_edit, Box::new(case_of(PractitionerOfA))),
        (&alex_licence, Box::new(case_of(OtherPractitioner))),
        ("/me/appointments", Box::new(person_page)),
        ("/caseload/step-prices", Box::new(practitioner_page)),
        ("/caseload/hope", Box::new(practitioner_page)),
        ("/caseload/hope/new", Box::new(practitioner_page)),
        ("/caseload/hope/export.json", Box::new(admin_page)),
        ("/hope?lat=51.45&lon=-2.59", Box::new(public)),
        ("/me/steps", Box::new(person_page)),
        (&jay_appointments, Box::new(case_of(PractitionerOfA))),
        (&jay_edit_appointment, Box::new(case_of(PractitionerOfA))),
        (&jay_steps, Box::new(case_of(PractitionerOfA))),
        ("/caseload/not-a-number", Box::new(case_of(Anonymous))),
    ];
    for (path, expect) in &table {
        for (role, cookie) in &cookies {
            let r = app.get(path, cookie.as_deref()).await;
            assert_eq!(outcome(&r), expect(*role), "GET {path} as {role:?}");
        }
    }
}

#[tokio::test]
async fn person_pages_show_only_their_own_case() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let home = app.get("/me", Some(&jay)).await;
    assert!(home.body.contains("Hello, Jay"), "{}", home.body);
    assert!(!home.body.contains("Alex"));
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let home = app.get("/me", Some(&alex)).await;
    assert!(home.body.contains("Hello, Alex"));
    assert!(!home.body.contains("Jay"));
}

#[tokio::test]
async fn caseloads_hold_only_allocated_cases() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let page = app.get("/caseload", Some(&sam)).await.body;
    assert!(page.contains("Jay") && page.contains("Dee") && !page.contains("Alex"), "{page}");
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let page = app.get("/caseload", Some(&priya)).await.body;
    assert!(page.contains("Alex") && !page.contains("Jay"), "{page}");
}

#[tokio::test]
async fn server_functions_against_every_role() {
    let app = TestApp::new();
    let cookies = cookies(&app).await;
    let person_only = |r: Role| match r {
        Anonymous => 401,
        PersonA | PersonB => 200,
        _ => 403,
    };
    let practitioner_only = |r: Role| match r {
        Anonymous => 401,
        PersonA | PersonB => 403,
        _ => 200,
    };
    // Actions on Jay's case: only Sam; Priya is told it does not exist.
    let jay_case = |r: Role| match r {
        Anonymous => 401,
        PersonA | PersonB => 403,
        PractitionerOfA => 200,
        OtherPractitioner => 404,
    };
    let case_form = format!("case_id={JAY}");
    let cancel_form = format!("case_id={JAY}&appointment_id=2");
    let save_form = format!(
        "case_id={JAY}&form[kind]=gp&form[date]=2030-01-07&form[time]=10:00&form[duration_min]=30&form[place]=Surgery\
         &form[room]=&form[with_whom]=&form[bring]=&form[notes]=&form[phone]=&form[repeat]=none&form[repeat_count]="
    );
    let add_step_form = format!("case_id={JAY}&track=id&title=Get+a+photo");
    let helper_form = format!("case_id={JAY}&step_id=1&helper=Mentor");
    let practitioner_step_form = format!("case_id={JAY}&step_id=1&status=in_progress");
    let condition_form = format!("case_id={JAY}&version=4.0&code=985d339a-b652-40e3-b0a8-5aafd5e121f1");
    let bespoke_form = format!("case_id={JAY}&licence=ap&bespoke_text=Stay+calm");
    let explain_form = format!("case_id={JAY}&kind=note&title=Hello&body=See+you+soon.");
    let setup_form = format!("case_id={JAY}&version=4.0&licence_type=ap");
    let persons_own = |r: Role| match r {
        Anonymous => 401,
        PersonA => 200,
        PersonB => 404,
        _ => 403,
    };
    let admin_only = |r: Role| match r {
        Anonymous => 401,
        PractitionerOfA => 200,
        _ => 403,
    };
    let recommend_form = format!("case_id={JAY}&service_id=1");
    let new_case = "preferred_name=Sky&licence_start=2026-11-01&licence_end=2027-11-01";
    let service_form = (0..7).fold(
        "form[name]=Pantry&form[description]=Food.&form[need]=food&form[who_for]=&form[free]=&form[referral]=\
         &form[phone]=&form[website]=&form[address]="
            .to_owned(),
        |f, i| format!("{f}&form[hours][{i}]="),
    );
    let table: Vec<(&str, &str, Box<dyn Fn(Role) -> u16>)> = vec![
        ("/api/person_home", "", Box::new(person_only)),
        ("/api/caseload", "", Box::new(practitioner_only)),
        ("/api/case", &case_form, Box::new(jay_case)),
        ("/api/issue_code", &case_form, Box::new(jay_case)),
        ("/api/create_case", new_case, Box::new(practitioner_only)),
        ("/api/hope_list", "need=food", Box::new(|_| 200)),
        ("/api/hope_service", "id=1", Box::new(|_| 200)),
        ("/api/hope_print", "area=Northbridge", Box::new(|_| 200)),
        ("/api/person_appointments", "", Box::new(person_only)),
        ("/api/person_steps", "", Box::new(person_only)),
        ("/api/case_appointments", &case_form, Box::new(jay_case)),
        ("/api/case_steps", &case_form, Box::new(jay_case)),
        ("/api/steps_overview", "", Box::new(practitioner_only)),
        ("/api/step_guides", "", Box::new(practitioner_only)),
        ("/api/cancel_appointment", &cancel_form, Box::new(jay_case)),
        ("/api/save_appointment", &save_form, Box::new(jay_case)),
        ("/api/add_step", &add_step_form, Box::new(jay_case)),
        ("/api/set_step_helper", &helper_form, Box::new(jay_case)),
        ("/api/set_step", &practitioner_step_form, Box::new(jay_case)),
        ("/api/add_condition", &condition_form, Box::new(jay_case)),
        ("/api/add_bespoke_condition", &bespoke_form, Box::new(jay_case)),
        ("/api/add_explanation", &explain_form, Box::new(jay_case)),
        ("/api/set_licence_setup", &setup_form, Box::new(jay_case)),
        // Jay's own appointment, step and condition: Alex is told they do not exist.
        ("/api/answer_appointment", "appointment_id=1&answer=attending", Box::new(persons_own)),
        ("/api/set_step", "step_id=1&status=in_progress", Box::new(persons_own)),
        ("/api/answer_condition", "condition_id=1&answer=understood", Box::new(persons_own)),
        // Prices: office admins only (Sam is one, Priya is not).
        ("/api/update_step_cost", "key=gp&cost=Free.&checked_on=2026-11-01", Box::new(admin_only)),
        // The office's hope corner: every practitioner sees it, only admins change it.
        ("/api/office_services", "", Box::new(practitioner_only)),
        ("/api/curate_service", "id=1&what=checked", Box::new(admin_only)),
        ("/api/office_service", "id=1", Box::new(practitioner_only)),
        ("/api/my_list", "", Box::new(|_| 200)),
        ("/api/keep_service", "id=1&keep=yes", Box::new(person_only)),
        ("/api/case_list", &case_form, Box::new(jay_case)),
        ("/api/recommend_service", &recommend_form, Box::new(jay_case)),
        ("/api/save_service", &service_form, Box::new(admin_only)),
    ];
    for (path, form, expect) in &table {
        for (role, cookie) in &cookies {
            let r = app.call(path, form, cookie.as_deref()).await;
            assert_eq!(r.status.as_u16(), expect(*role), "POST {path} as {role:?}: {}", r.body);
        }
    }
    // Sign-out works for everyone, and ends that session only.
    for (role, cookie) in &cookies {
        let r = app.call("/api/sign_out", "", cookie.as_deref()).await;
        assert_eq!(r.status, StatusCode::OK, "sign out as {role:?}");
        if let Some(c) = cookie {
            let after = app.call("/api/caseload", "", Some(c)).await;
            assert_eq!(after.status.as_u16(), 401, "{role:?} signed out");
        }
    }
    assert_eq!(ROLES.len(), cookies.len());
}

#[tokio::test]
async fn file_uploads_against_every_role() {
    let app = TestApp::new();
    let cookies = cookies(&app).await;
    let file = include_str!("../../../end2end/fixtures/oruk-small.json");
    for (role, cookie) in &cookies {
        let r = app.upload("/caseload/hope/import", file.as_bytes(), cookie.as_deref()).await;
        let got = (r.status.as_u16(), r.location.as_deref().map(|l| l.split('?').next().unwrap_or_default()));
        let expected = match role {
            Anonymous => (303, Some("/practitioner/sign-in")),
            PractitionerOfA => (303, Some("/caseload/hope")),
            _ => (403, None),
        };
        assert_eq!(got, expected, "POST /caseload/hope/import as {role:?}: {}", r.body);
    }
}
