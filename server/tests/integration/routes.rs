//! Every route and server function against every role: anonymous, person A
//! (Jay), person B (Alex), a supporter holding Jay's share link, the
//! practitioner of A (Sam, also Northbridge's office admin), another
//! practitioner (Priya, who has Alex but not Jay), an office admin with no cases
//! (Northbridge) and a national admin (Nia, no cases).

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
    /// Has Jay's share link, no session: they try its token as a session cookie too.
    Supporter,
    /// An admin of Jay's office (Northbridge) with no cases.
    OfficeAdmin,
    /// Changes what every office shows; no cases.
    NationalAdmin,
}
use Role::*;

const ROLES: [Role; 8] =
    [Anonymous, PersonA, PersonB, PractitionerOfA, OtherPractitioner, Supporter, OfficeAdmin, NationalAdmin];

async fn cookies(app: &TestApp) -> Vec<(Role, Option<String>)> {
    let (_, token) = jays_share_link(app);
    let northbridge = app::model::OfficeId(1);
    vec![
        (Anonymous, None),
        (PersonA, Some(app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await)),
        (PersonB, Some(app.person(ALEX_NUMBER, ALEX_PIN).await)),
        (PractitionerOfA, Some(app.practitioner(seed::DEMO_PRACTITIONER).await)),
        (OtherPractitioner, Some(app.practitioner(seed::DEMO_COLLEAGUE).await)),
        (Supporter, Some(format!("waymark={token}"))),
        (OfficeAdmin, Some(app.staff(northbridge, "admin@test.waymark.example", app::model::Admin::Office).await)),
        (NationalAdmin, Some(app.practitioner(seed::DEMO_NATIONAL_ADMIN).await)),
    ]
}

/// A share link of Jay's, made straight in the store (once): its id and token.
fn jays_share_link(app: &TestApp) -> (i64, &'static str) {
    let conn = app.backend.store_for_tests().write().unwrap();
    conn.execute(
        "INSERT INTO share_link (case_id, token_hash, who, show_appointments, show_licence, show_steps, created_at, ends_at)
         VALUES (?1, ?2, 'Mum', 1, 1, 1, unixepoch(), unixepoch() + 86400) ON CONFLICT DO NOTHING",
        server::params![JAY, server::auth::token_hash("matrix-token")],
    )
    .unwrap();
    let id = conn
        .query_row("SELECT id FROM share_link WHERE token_hash = ?1", [server::auth::token_hash("matrix-token")], |r| {
            r.get(0)
        })
        .unwrap();
    (id, "matrix-token")
}

/// A handover of Jay's case to Sam, from Priya (made straight in the store,
/// once): Jay stays with Sam, who may read and confirm it.
fn jays_handover(app: &TestApp) {
    let conn = app.backend.store_for_tests().write().unwrap();
    conn.execute(
        "INSERT INTO handover (case_id, from_practitioner_id, to_practitioner_id, written_by, going_well, working_on,
                               open_items, steps, keep_in_mind, moved_at)
         SELECT ?1, 2, 1, 2, 'Doing well', '', '', '', '', unixepoch()
         WHERE NOT EXISTS (SELECT 1 FROM handover)",
        [JAY],
    )
    .unwrap();
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
    jays_handover(&app);
    let jay = format!("/caseload/{JAY}");
    let alex = format!("/caseload/{ALEX}");
    let jay_licence = format!("/caseload/{JAY}/licence");
    let jay_pack = format!("/caseload/{JAY}/pack");
    let jay_add = format!("/caseload/{JAY}/licence/add");
    let jay_add_curfew = format!("/caseload/{JAY}/licence/add/4.0/52faefcf-15f0-42c5-b908-621b4a7ecdb9");
    let jay_edit = format!("/caseload/{JAY}/licence/1/edit");
    let alex_licence = format!("/caseload/{ALEX}/licence");
    let jay_appointments = format!("/caseload/{JAY}/appointments");
    let jay_edit_appointment = format!("/caseload/{JAY}/appointments/1/edit");
    // The questions asked before taking something away (a GET changes nothing).
    let jay_remove = format!("/caseload/{JAY}/licence/1/remove");
    let jay_cancel_appointment = format!("/caseload/{JAY}/appointments/1/cancel");
    let jay_steps = format!("/caseload/{JAY}/steps");
    let jay_about = format!("/caseload/{JAY}/about");
    let jay_move = format!("/caseload/{JAY}/move");
    let jay_check_ins = format!("/caseload/{JAY}/check-ins");
    let jay_requests = format!("/caseload/{JAY}/requests");
    let jay_progress = format!("/caseload/{JAY}/progress");
    let jay_handover = format!("/caseload/{JAY}/handover");
    let public = |_: Role| Expect::Ok;
    let (_, token) = jays_share_link(&app);
    let shared = format!("/shared/{token}");
    let map = app.jays_map();
    let person_map = format!("/me/licence/{map}/map");
    let case_map = format!("/caseload/{JAY}/licence/{map}/map");
    let jay_calendar = format!("/caseload/{JAY}/calendar.ics");
    let jay_phone_lost = format!("/caseload/{JAY}/phone-lost");
    let person_page = |r: Role| match r {
        Anonymous | Supporter => Expect::Redirect("/sign-in"),
        PersonA | PersonB => Expect::Ok,
        _ => Expect::Status(403),
    };
    let practitioner_page = |r: Role| match r {
        Anonymous | Supporter => Expect::Redirect("/practitioner/sign-in"),
        PersonA | PersonB => Expect::Status(403),
        _ => Expect::Ok,
    };
    let case_of = |owner: Role| {
        move |r: Role| match r {
            Anonymous | Supporter => Expect::Redirect("/practitioner/sign-in"),
            PersonA | PersonB => Expect::Status(403),
            r if r == owner => Expect::Ok,
            _ => Expect::Status(404),
        }
    };
    // Office admins only: Sam is one, Priya is not.
    let admin_page = |r: Role| match r {
        Anonymous | Supporter => Expect::Redirect("/practitioner/sign-in"),
        PractitionerOfA | OfficeAdmin | NationalAdmin => Expect::Ok,
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
        ("/hope/safety", Box::new(public)),
        ("/hope/near?need=food", Box::new(public)),
        ("/hope/print", Box::new(public)),
        ("/hope/99999", Box::new(|_| Expect::Status(404))),
        ("/health", Box::new(public)),
        // Only for a scraper on the server's own machine (metrics.rs): nobody here.
        ("/metrics", Box::new(|_| Expect::Status(404))),
        ("/no-such-page", Box::new(|_| Expect::Status(404))),
        ("/me", Box::new(person_page)),
        ("/caseload", Box::new(practitioner_page)),
        ("/caseload/new", Box::new(practitioner_page)),
        (&jay, Box::new(case_of(PractitionerOfA))),
        (&alex, Box::new(case_of(OtherPractitioner))),
        ("/caseload/999", Box::new(case_of(Anonymous))),
        ("/me/licence", Box::new(person_page)),
        (&jay_licence, Box::new(case_of(PractitionerOfA))),
        (&jay_pack, Box::new(case_of(PractitionerOfA))),
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
        ("/me/share", Box::new(person_page)),
        ("/me/who-has-looked", Box::new(person_page)),
        ("/me/about", Box::new(person_page)),
        (&jay_about, Box::new(case_of(PractitionerOfA))),
        ("/me/check-in", Box::new(person_page)),
        (&jay_check_ins, Box::new(case_of(PractitionerOfA))),
        ("/me/requests", Box::new(person_page)),
        (&jay_requests, Box::new(case_of(PractitionerOfA))),
        ("/me/progress", Box::new(person_page)),
        (&jay_progress, Box::new(case_of(PractitionerOfA))),
        // Moving a case: its practitioner or an admin of its office (Nia is Northbridge's too).
        (
            &jay_move,
            Box::new(|r: Role| match r {
                Anonymous | Supporter => Expect::Redirect("/practitioner/sign-in"),
                PersonA | PersonB => Expect::Status(403),
                PractitionerOfA | OfficeAdmin | NationalAdmin => Expect::Ok,
                OtherPractitioner => Expect::Status(404),
            }),
        ),
        (&jay_handover, Box::new(case_of(PractitionerOfA))),
        ("/caseload/office", Box::new(admin_page)),
        // "This phone is lost" asks first: the question is a page, the action a form post.
        (&jay_phone_lost, Box::new(case_of(PractitionerOfA))),
        // A map on Jay's licence: Jay and Sam only.
        (
            &person_map,
            Box::new(|r: Role| match r {
                Anonymous | Supporter => Expect::Redirect("/sign-in"),
                PersonA => Expect::Ok,
                PersonB => Expect::Status(404),
                _ => Expect::Status(403),
            }),
        ),
        (&case_map, Box::new(case_of(PractitionerOfA))),
        ("/caseload/hope/1/edit", Box::new(practitioner_page)),
        // Calendar files: a person's own appointment; a case's whole calendar for its practitioner.
        (
            "/me/appointments/1/calendar.ics",
            Box::new(|r: Role| match r {
                Anonymous | Supporter => Expect::Status(401),
                PersonA => Expect::Ok,
                PersonB => Expect::Status(404),
                _ => Expect::Status(403),
            }),
        ),
        (
            &jay_calendar,
            Box::new(|r: Role| match r {
                Anonymous | Supporter => Expect::Status(401),
                PersonA | PersonB => Expect::Status(403),
                PractitionerOfA => Expect::Ok,
                OtherPractitioner | OfficeAdmin | NationalAdmin => Expect::Status(404),
            }),
        ),
        // A share link is the supporter's permission: anyone holding it sees the same page.
        (&shared, Box::new(public)),
        ("/shared/no-such-token", Box::new(|_| Expect::Status(404))),
        (&jay_appointments, Box::new(case_of(PractitionerOfA))),
        (&jay_edit_appointment, Box::new(case_of(PractitionerOfA))),
        (&jay_remove, Box::new(case_of(PractitionerOfA))),
        (&jay_cancel_appointment, Box::new(case_of(PractitionerOfA))),
        (&jay_steps, Box::new(case_of(PractitionerOfA))),
        ("/caseload/not-a-number", Box::new(case_of(Anonymous))),
    ];
    for (path, expect) in &table {
        for (role, cookie) in &cookies {
            let before = app.audit_rows(JAY).len();
            let r = app.get(path, cookie.as_deref()).await;
            assert_eq!(outcome(&r), expect(*role), "GET {path} as {role:?}");
            if *role == PractitionerOfA && path.starts_with(&jay) && outcome(&r) == Expect::Ok {
                assert!(app.audit_rows(JAY).len() > before, "GET {path} as {role:?} reads Jay's case unrecorded");
            }
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
    jays_handover(&app);
    let person_only = |r: Role| match r {
        Anonymous | Supporter => 401,
        PersonA | PersonB => 200,
        _ => 403,
    };
    let practitioner_only = |r: Role| match r {
        Anonymous | Supporter => 401,
        PersonA | PersonB => 403,
        _ => 200,
    };
    // Actions on Jay's case: only Sam; Priya is told it does not exist.
    let jay_case = |r: Role| match r {
        Anonymous | Supporter => 401,
        PersonA | PersonB => 403,
        PractitionerOfA => 200,
        OtherPractitioner | OfficeAdmin | NationalAdmin => 404,
    };
    let case_form = format!("case_id={JAY}");
    let mover = |r: Role| match r {
        Anonymous | Supporter => 401,
        PersonA | PersonB => 403,
        PractitionerOfA | OfficeAdmin | NationalAdmin => 200,
        OtherPractitioner => 404,
    };
    let bad_move_form = format!("case_id={JAY}&form[to_email]=colleague%40demo.waymark.example&form[going_well]=");
    let confirm_form = format!("case_id={JAY}&handover_id=1");
    let see_form = format!("case_id={JAY}&check_in_id=1");
    let answer_form = format!("case_id={JAY}&request_id=1&form[decision]=yes");
    let good_form = format!("case_id={JAY}&good_thing=A+month+of+appointments+kept");
    let well_done_form = format!("case_id={JAY}&achievement_id=1&well_done=Well+done.");
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
        Anonymous | Supporter => 401,
        PersonA => 200,
        PersonB => 404,
        _ => 403,
    };
    let admin_only = |r: Role| match r {
        Anonymous | Supporter => 401,
        PractitionerOfA | OfficeAdmin | NationalAdmin => 200,
        _ => 403,
    };
    // What every office shows (national helplines, step prices): national admins only.
    let national_only = |r: Role| match r {
        Anonymous | Supporter => 401,
        NationalAdmin => 200,
        _ => 403,
    };
    let (samaritans, food_bank) = (app.service_named("Samaritans"), app.service_named("Northbridge Food Bank"));
    let curate_national = format!("id={samaritans}&what=checked");
    let curate_local = format!("id={food_bank}&what=checked");
    let change_national = (0..7).fold(
        format!(
            "id={samaritans}&form[name]=Samaritans&form[description]=Someone+to+talk+to.&form[need]=someone_to_talk_to\
             &form[who_for]=&form[free]=yes&form[referral]=no&form[phone]=116+123&form[website]=&form[address]="
        ),
        |f, i| format!("{f}&form[hours][{i}]="),
    );
    let recommend_form = format!("case_id={JAY}&service_id=1");
    let (share_id, token) = jays_share_link(&app);
    let turn_off_form = format!("id={share_id}");
    let end_link_form = format!("case_id={JAY}&id={share_id}");
    let shared_form = format!("token={token}");
    let alex_sign_in = format!("number={ALEX_NUMBER}&pin={ALEX_PIN}");
    let edit_form = format!("case_id={JAY}&condition_id=1&explanation=Be+kind.");
    let reply_form = format!("case_id={JAY}&condition_id=2&reply=Yes.");
    let remove_form = format!("case_id={JAY}&condition_id=4");
    let busy_form = "form[kind]=work&form[how_often]=weekly&form[day]=saturday&form[from]=08:00&form[to]=12:00";
    let suggest_form = format!("case_id={JAY}&{busy_form}&note=Your+new+job");
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
        ("/api/case_pack", &case_form, Box::new(jay_case)),
        ("/api/issue_code", &case_form, Box::new(jay_case)),
        ("/api/activation_link", "", Box::new(practitioner_only)),
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
        ("/api/read_letter", "explanation_id=1", Box::new(persons_own)),
        // Prices: every office's, so national admins only (not Sam, an office admin).
        ("/api/update_step_cost", "key=gp&cost=Free.&checked_on=2026-11-01", Box::new(national_only)),
        // The office's hope corner: every practitioner sees it, only admins change it.
        ("/api/office_services", "", Box::new(practitioner_only)),
        ("/api/curate_service", &curate_local, Box::new(admin_only)),
        ("/api/curate_service", &curate_national, Box::new(national_only)),
        ("/api/office_service", "id=1", Box::new(practitioner_only)),
        ("/api/my_list", "", Box::new(|_| 200)),
        ("/api/keep_service", "id=1&keep=yes", Box::new(person_only)),
        ("/api/case_list", &case_form, Box::new(jay_case)),
        ("/api/recommend_service", &recommend_form, Box::new(jay_case)),
        ("/api/save_service", &service_form, Box::new(admin_only)),
        ("/api/save_service", &change_national, Box::new(national_only)),
        // How pages are shown on this phone: anyone, signed in or not.
        ("/api/set_display", "toggle=large-text", Box::new(|_| 200)),
        // Share links: the person's own; what they share, anyone with the link.
        ("/api/share_links", "", Box::new(person_only)),
        ("/api/create_share_link", "form[who]=Mum&form[steps]=on&form[length]=week", Box::new(person_only)),
        ("/api/turn_off_share_link", &turn_off_form, Box::new(persons_own)),
        ("/api/shared_view", &shared_form, Box::new(|_| 200)),
        // Reporting rules as times: the person's own, and their practitioner's view.
        ("/api/person_reporting", "", Box::new(person_only)),
        // Signing in and activating answer everyone alike: they are how a role is gained.
        ("/api/sign_in_person", &alex_sign_in, Box::new(|_| 200)),
        (
            "/api/sign_in_practitioner",
            "email=colleague%40demo.waymark.example&password=waymark-demo",
            Box::new(|_| 200),
        ),
        ("/api/activate", "code=WAYM-0000&pin=7394&pin_again=7394", Box::new(|_| 400)),
        // The licence: the person's own, and the practitioner's view and changes on Jay's case.
        ("/api/person_licence", "", Box::new(person_only)),
        ("/api/case_licence", &case_form, Box::new(jay_case)),
        ("/api/templates", "version=4.0", Box::new(practitioner_only)),
        ("/api/template", "version=4.0&code=52faefcf-15f0-42c5-b908-621b4a7ecdb9", Box::new(practitioner_only)),
        ("/api/edit_condition", &edit_form, Box::new(jay_case)),
        ("/api/reply_to_question", &reply_form, Box::new(jay_case)),
        ("/api/add_standard_conditions", &case_form, Box::new(jay_case)),
        ("/api/remove_condition", &remove_form, Box::new(jay_case)),
        ("/api/case_reporting", &case_form, Box::new(jay_case)),
        // Who has looked: the person's own; the case's share links: its practitioner's.
        ("/api/who_has_looked", "", Box::new(person_only)),
        ("/api/case_share_links", &case_form, Box::new(jay_case)),
        ("/api/end_share_link", &end_link_form, Box::new(jay_case)),
        // "About me": the person's own; their practitioner reads it and suggests times.
        ("/api/person_about", "", Box::new(person_only)),
        ("/api/save_about_me", "form[reach_text]=on&form[working_on]=A+job", Box::new(person_only)),
        ("/api/add_busy_time", busy_form, Box::new(person_only)),
        ("/api/case_about", &case_form, Box::new(jay_case)),
        ("/api/suggest_busy_time", &suggest_form, Box::new(jay_case)),
        // Suggestion 1 is the one just made on Jay's case; busy time 1 is Jay's Friday prayers.
        ("/api/answer_suggestion", "suggestion_id=1&answer=decline", Box::new(persons_own)),
        ("/api/remove_busy_time", "busy_id=1", Box::new(persons_own)),
        // Check-ins: the person's own; their practitioner sees them. Check-in 1 is
        // the one Jay sends just before (each person's goes to their own case).
        ("/api/person_check_ins", "", Box::new(person_only)),
        ("/api/send_check_in", "form[mood]=3&form[need_work]=on", Box::new(person_only)),
        ("/api/case_check_ins", &case_form, Box::new(jay_case)),
        ("/api/see_check_in", &see_form, Box::new(jay_case)),
        ("/api/desk_check_ins", "", Box::new(practitioner_only)),
        // Requests: the person's own; their practitioner answers. Request 1 is Jay's, sent just before.
        ("/api/person_requests", "", Box::new(person_only)),
        ("/api/send_request", "form[kind]=other&form[why]=Can+I+see+my+brother%3F", Box::new(person_only)),
        ("/api/case_requests", &case_form, Box::new(jay_case)),
        ("/api/answer_request", &answer_form, Box::new(jay_case)),
        ("/api/desk_requests", "", Box::new(practitioner_only)),
        // Progress: the person's own goals and good things; their practitioner
        // reads them, records good things and says well done (on the one Jay adds here, 1).
        ("/api/person_progress", "", Box::new(person_only)),
        ("/api/set_goal", "form[area]=work&form[title]=A+job", Box::new(person_only)),
        ("/api/goal_done", "goal_id=1", Box::new(persons_own)),
        ("/api/add_good_thing", "good_thing=A+good+week", Box::new(person_only)),
        ("/api/case_progress", &case_form, Box::new(jay_case)),
        ("/api/record_good_thing", &good_form, Box::new(jay_case)),
        ("/api/well_done", &well_done_form, Box::new(jay_case)),
        // Handover: the move form for Jay's practitioner or an admin of Jay's office;
        // a move with nothing going well is refused (so Jay stays with Sam).
        ("/api/handover_draft", &case_form, Box::new(mover)),
        ("/api/move_case", &bad_move_form, Box::new(|r: Role| if mover(r) == 200 { 400 } else { mover(r) })),
        ("/api/case_handover", &case_form, Box::new(jay_case)),
        ("/api/confirm_handover", &confirm_form, Box::new(jay_case)),
        ("/api/office_cases", "", Box::new(admin_only)),
        // Last: it signs Jay out everywhere.
        ("/api/phone_lost", &case_form, Box::new(jay_case)),
    ];
    // Every read and write of Jay's case by a practitioner goes through the
    // access guard, so each leaves an audit row: a new server function that
    // reached the store another way would be caught here (its row is required).
    let of_jay = format!("case_id={JAY}");
    for (path, form, expect) in &table {
        for (role, cookie) in &cookies {
            let before = app.audit_rows(JAY).len();
            let r = app.call(path, form, cookie.as_deref()).await;
            assert_eq!(r.status.as_u16(), expect(*role), "POST {path} as {role:?}: {}", r.body);
            let on_jay = form.split('&').any(|pair| pair == of_jay);
            if *role == PractitionerOfA && on_jay && r.status == StatusCode::OK {
                assert!(app.audit_rows(JAY).len() > before, "POST {path} as {role:?} touched Jay's case unrecorded");
            }
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

/// Public pages are light (DESIGN.md: 30 KB) and work without the app; the app
/// loads for signed-in people, and on "nearest first", which needs the browser.
#[tokio::test]
async fn only_pages_that_need_it_load_the_app() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let loads_app = |body: &str| body.contains(r#"id="waymark-app""#);
    for path in ["/", "/hope", "/hope/1", "/hope/families", "/hope/safety", "/hope/print", "/sign-in", "/activate"] {
        assert!(!loads_app(&app.get(path, None).await.body), "{path} loads the app for a visitor");
    }
    assert!(loads_app(&app.get("/hope/near", None).await.body));
    assert!(loads_app(&app.get("/hope", Some(&jay)).await.body), "a signed-in person syncs from any page");
    assert!(loads_app(&app.get("/me", Some(&jay)).await.body));
    assert!(loads_app(&app.get("/caseload", Some(&sam)).await.body));
    // The person's build for people and visitors; the desk's (with the meter) for practitioners.
    assert!(app.get("/me", Some(&jay)).await.body.contains(r#"data-js="/pkg/waymark.js""#));
    assert!(app.get("/hope/near", None).await.body.contains(r#"data-js="/pkg/waymark.js""#));
    assert!(app.get("/caseload", Some(&sam)).await.body.contains(r#"data-js="/pkg/waymark-desk.js""#));
}

/// The display options: a cookie the server draws pages with; a bad choice is refused plainly.
#[tokio::test]
async fn display_options_are_kept_in_a_cookie_and_drawn_by_the_server() {
    let app = TestApp::new();
    // As a plain form from a page with no app: back to that page, the choice in a cookie.
    let r = app.post_form("/api/set_display", "toggle=large-text", "/hope?need=food", None).await;
    assert_eq!(r.location.as_deref(), Some("http://localhost/hope?need=food"));
    assert_eq!(r.cookie.as_deref(), Some("waymark-display=large-text"));
    let r = app.post_form("/api/set_display", "toggle=large-text", "/", Some("waymark-display=large-text")).await;
    assert_eq!(r.cookie.as_deref(), Some("waymark-display=standard"), "a second tap turns it off");
    let page = app.get("/hope", Some("waymark-display=large-text.high-contrast")).await.body;
    assert!(page.contains(r#"<html lang="en-GB" class="large-text high-contrast">"#), "{page}");
    let r = app.call("/api/set_display", "toggle=huge", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), "Choose larger text or high contrast.");
}

/// The matrix above must name every server function there is: a new one
/// without a row here fails this test.
#[test]
fn every_server_function_is_in_the_matrix() {
    let api = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/api");
    let matrix = include_str!("routes.rs");
    let (mut missing, mut found) = (Vec::new(), 0);
    for file in std::fs::read_dir(&api).expect("app/src/api") {
        let source = std::fs::read_to_string(file.expect("entry").path()).expect("readable");
        for (_, rest) in source.match_indices("endpoint = \"").map(|(i, _)| ((), &source[i + 12..])) {
            let name = rest.split('"').next().unwrap_or_default();
            found += 1;
            if !matrix.contains(&format!("\"/api/{name}\"")) {
                missing.push(name.to_owned());
            }
        }
    }
    assert!(found > 40, "only {found} server functions found: is the path right?");
    assert!(missing.is_empty(), "server functions with no row in the role matrix: {missing:?}");
}

#[tokio::test]
async fn file_uploads_against_every_role() {
    let app = TestApp::new();
    let cookies = cookies(&app).await;
    let file = include_str!("../../../end2end/fixtures/oruk-small.json");
    for (role, cookie) in &cookies {
        let r = app.upload("/caseload/hope/import", "file", "services.json", file.as_bytes(), cookie.as_deref()).await;
        let got = (r.status.as_u16(), r.location.as_deref().map(|l| l.split('?').next().unwrap_or_default()));
        let expected = match role {
            Anonymous | Supporter => (303, Some("/practitioner/sign-in")),
            PractitionerOfA | OfficeAdmin | NationalAdmin => (303, Some("/caseload/hope")),
            _ => (403, None),
        };
        assert_eq!(got, expected, "POST /caseload/hope/import as {role:?}: {}", r.body);
    }
}

#[tokio::test]
async fn map_uploads_against_every_role() {
    let app = TestApp::new();
    let cookies = cookies(&app).await;
    let map = app.jays_map();
    let path = format!("/caseload/{JAY}/licence/{map}/map");
    let edit = format!("/caseload/{JAY}/licence/{map}/edit");
    for (role, cookie) in &cookies {
        let r = app.upload(&path, "map", "zone.pdf", b"%PDF-1.7 a map", cookie.as_deref()).await;
        let got = (r.status.as_u16(), r.location.as_deref().map(|l| l.split('?').next().unwrap_or_default()));
        let expected = match role {
            Anonymous | Supporter => (303, Some("/practitioner/sign-in")),
            PersonA | PersonB => (403, None),
            PractitionerOfA => (303, Some(edit.as_str())),
            OtherPractitioner | OfficeAdmin | NationalAdmin => (404, None),
        };
        assert_eq!(got, expected, "POST {path} as {role:?}: {}", r.body);
    }
}

/// The JSON API: the phone's sync, and the change counter the practitioner's pages poll.
#[tokio::test]
async fn the_json_api_against_every_role() {
    use axum::body::Body;
    use axum::http::{header, Request};
    let app = TestApp::new();
    let cookies = cookies(&app).await;
    let rev = format!("/api/v1/cases/{JAY}/rev");
    for (role, cookie) in &cookies {
        let mut sync = Request::post("/api/v1/sync").header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            sync = sync.header(header::COOKIE, c);
        }
        let r = app.send(sync.body(Body::from(r#"{"version":1,"since":0,"ops":[]}"#)).unwrap()).await;
        let expected = match role {
            Anonymous | Supporter => 401,
            PersonA | PersonB => 200,
            _ => 403,
        };
        assert_eq!(r.status.as_u16(), expected, "POST /api/v1/sync as {role:?}: {}", r.body);
        let r = app.get(&rev, cookie.as_deref()).await;
        let expected = match role {
            Anonymous | Supporter => 401,
            PersonA | PersonB => 403,
            PractitionerOfA => 200,
            OtherPractitioner | OfficeAdmin | NationalAdmin => 404,
        };
        assert_eq!(r.status.as_u16(), expected, "GET {rev} as {role:?}: {}", r.body);
    }
}
