//! Sign-in rules: activation codes, PINs, back-off that slows strangers and
//! never locks the person out, one answer for every failure, client addresses
//! behind proxies, sessions, and production refusing demo sign-ins.

use super::common::*;
use app::backend::CaseBackend;
use app::model::{CaseId, PractitionerId};
use axum::http::StatusCode;
use server::seed;

async fn pending_code(app: &TestApp, case: i64) -> String {
    app.backend
        .case_overview(PractitionerId(1), CaseId(case))
        .await
        .expect("overview")
        .pending_code
        .expect("a pending code")
        .code
}

#[tokio::test]
async fn practitioner_creates_a_case_and_the_person_activates_with_its_code() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app
        .post_form(
            "/api/create_case",
            "preferred_name=Robin&licence_start=2026-11-01&licence_end=2027-05-01",
            "/caseload/new",
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let case_page = r.location.expect("redirect to the case");
    let page = app.get(&case_page, Some(&sam)).await.body;
    assert!(page.contains("Robin") && page.contains("activation-code"), "{page}");
    let case: i64 = case_page.rsplit('/').next().and_then(|s| s.parse().ok()).expect("case id");
    let code = pending_code(&app, case).await;
    assert!(page.contains(&code));

    let r = app.call("/api/activate", &format!("code={}&pin=4826&pin_again=4826", code.to_lowercase()), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let person = r.cookie.expect("signed in");
    let home = app.get("/me", Some(&person)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Hello, Robin"));

    // Stays signed in: the same cookie works again later (a reload).
    assert!(app.get("/me", Some(&person)).await.body.contains("Hello, Robin"));
    // The code worked once only.
    let again = app.call("/api/activate", &format!("code={code}&pin=4826&pin_again=4826"), None).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.message().contains("That code does not work"));
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = TestApp::new();
    let req = axum::http::Request::post("/api/sign_in_person")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("number={}&pin={}", seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN)))
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.router.clone(), req).await.unwrap();
    let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
}

/// Back-off as configured in production (the tests elsewhere turn it off).
fn with_backoff() -> TestApp {
    TestApp::with(|c| {
        c.free_failures_per_client = 10;
        c.free_failures_per_account = 3;
    })
}

/// A person's sign-in as a phone sends it: from `peer`, with the phone's cookies.
fn person_sign_in(number: &str, pin: &str, peer: &str, cookies: &[String]) -> axum::http::Request<axum::body::Body> {
    let mut req = axum::http::Request::post("/api/sign_in_person")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json");
    if !cookies.is_empty() {
        req = req.header("cookie", cookies.join("; "));
    }
    let mut req = req.body(axum::body::Body::from(format!("number={number}&pin={pin}"))).unwrap();
    let addr: std::net::SocketAddr = format!("{peer}:5000").parse().unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
    req
}

#[tokio::test]
async fn a_stranger_cannot_lock_a_person_out_nor_end_their_session() {
    let app = with_backoff();
    // Alex signs in on their own phone: a session, and a cookie that marks the phone.
    let (status, own_phone) = app.cookies_set(person_sign_in(ALEX_NUMBER, ALEX_PIN, "198.51.100.5", &[])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(own_phone.len(), 2, "session and device cookies: {own_phone:?}");
    let session = own_phone[0].clone();
    // A stranger tries thirty wrong PINs from five addresses.
    for i in 0..30 {
        let r = app
            .call_from(
                &format!("203.0.113.{}", i % 5),
                &[],
                "/api/sign_in_person",
                &format!("number={ALEX_NUMBER}&pin=9{i:03}"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "try {i}");
    }
    // The person's phone is still signed in...
    assert!(app.get("/me", Some(&session)).await.body.contains("Hello, Alex"));
    // ...and after signing out, their own phone signs in again with the right PIN.
    app.call("/api/sign_out", "", Some(&session)).await;
    let device = own_phone[1].clone();
    let (status, again) = app.cookies_set(person_sign_in(ALEX_NUMBER, ALEX_PIN, "198.51.100.5", &[device])).await;
    assert_eq!(status, StatusCode::OK, "the person's own phone gets in");
    assert!(app.get("/me", Some(&again[0])).await.body.contains("Hello, Alex"));
    // A phone the number was never used on must wait, even with the right PIN:
    // that is what slows the stranger (who cannot tell the PIN was right).
    let r = app
        .call_from("192.0.2.77", &[], "/api/sign_in_person", &format!("number={ALEX_NUMBER}&pin={ALEX_PIN}"), None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), server::backend::PERSON_WRONG);
    // Nothing locked on the desk.
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    assert!(app.get("/caseload", Some(&priya)).await.body.contains("Using Waymark"));
}

#[tokio::test]
async fn every_failure_reads_the_same_whether_the_number_exists_is_active_or_slowed() {
    let app = with_backoff();
    let dee = app.dee_number();
    let answer = |r: &Reply| (r.status, r.message());
    let missing = app.call("/api/sign_in_person", "number=12345678&pin=9753", None).await;
    let unactivated = app.call("/api/sign_in_person", &format!("number={dee}&pin=9753"), None).await;
    let wrong = app.call("/api/sign_in_person", &format!("number={ALEX_NUMBER}&pin=9753"), None).await;
    for _ in 0..5 {
        app.call_from("203.0.113.1", &[], "/api/sign_in_person", &format!("number={ALEX_NUMBER}&pin=9753"), None).await;
    }
    let slowed = app
        .call_from("203.0.113.2", &[], "/api/sign_in_person", &format!("number={ALEX_NUMBER}&pin={ALEX_PIN}"), None)
        .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.message(), server::backend::PERSON_WRONG);
    for (name, r) in [("unactivated", &unactivated), ("wrong PIN", &wrong), ("slowed", &slowed)] {
        assert_eq!(answer(r), answer(&missing), "{name} answers like a missing number");
    }
}

/// Each kind of failure runs argon2 once (or an equal-cost dummy): compared by
/// the fastest of several tries, which load on the machine cannot make faster.
/// (Before, an unactivated number answered in 1 ms and a missing one in 22.)
#[tokio::test]
async fn every_failure_takes_as_long_as_a_wrong_pin() {
    let app = TestApp::new();
    let dee = app.dee_number();
    let forms = [
        ("missing", "number=12345678&pin=9753".to_owned()),
        ("unactivated", format!("number={dee}&pin=9753")),
        ("wrong PIN", format!("number={ALEX_NUMBER}&pin=9753")),
    ];
    let mut fastest = [std::time::Duration::MAX; 3];
    for _ in 0..11 {
        for (i, (_, form)) in forms.iter().enumerate() {
            let started = std::time::Instant::now();
            let r = app.call("/api/sign_in_person", form, None).await;
            fastest[i] = fastest[i].min(started.elapsed());
            assert_eq!(r.status, StatusCode::BAD_REQUEST);
        }
    }
    let reference = fastest[2].as_secs_f64();
    for (i, (name, _)) in forms.iter().enumerate() {
        let ratio = fastest[i].as_secs_f64() / reference;
        println!("{name}: {:?} ({ratio:.2} of a wrong PIN)", fastest[i]);
    }
    for (i, (name, _)) in forms.iter().enumerate() {
        let ratio = fastest[i].as_secs_f64() / reference;
        // Wide, for a busy machine; a path that skips argon2 is 20 to 50 times faster.
        assert!((0.33..3.0).contains(&ratio), "{name} took {:?}, a wrong PIN {:?}", fastest[i], fastest[2]);
    }
}

#[tokio::test]
async fn guessable_pins_are_refused_when_chosen_and_the_demo_pin_still_signs_in() {
    let app = TestApp::new();
    for (pin, says) in [("2580", "many people use"), ("1234", "in a row"), ("1990", "a year"), ("7777", "same number")]
    {
        let form = format!("code={}&pin={pin}&pin_again={pin}", seed::DEMO_ACTIVATION_CODE);
        let r = app.call("/api/activate", &form, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{pin}");
        assert!(r.message().contains(says), "{pin}: {}", r.message());
    }
    // The code is not used up by a refused PIN, and Jay keeps the PIN seeded for the demo.
    let form = format!("code={}&pin=7394&pin_again=7394", seed::DEMO_ACTIVATION_CODE);
    assert_eq!(app.call("/api/activate", &form, None).await.status, StatusCode::OK);
    app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
}

#[tokio::test]
async fn one_clients_wrong_codes_do_not_block_anothers_activation() {
    let app = with_backoff();
    for i in 0..15 {
        let r = app
            .call_from(
                "203.0.113.9",
                &[],
                "/api/activate",
                &format!("code=ABCD-EF{:02}&pin=7394&pin_again=7394", i % 10),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
    // That client must wait now, even with a real code...
    let form = format!("code={}&pin=7394&pin_again=7394", seed::DEMO_ACTIVATION_CODE);
    let r = app.call_from("203.0.113.9", &[], "/api/activate", &form, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), server::backend::CODE_WRONG);
    // ...but someone else activates at once.
    let r = app.call_from("198.51.100.30", &[], "/api/activate", &form, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn x_forwarded_for_counts_only_from_a_trusted_proxy() {
    let form = format!("code={}&pin=7394&pin_again=7394", seed::DEMO_ACTIVATION_CODE);
    let wrong = "code=ABCD-EFGH&pin=7394&pin_again=7394";
    // From an untrusted peer, a made-up header changes nothing: the peer is slowed.
    let app = with_backoff();
    for i in 0..15 {
        let spoof = format!("198.51.100.{i}");
        app.call_from("203.0.113.9", &[("x-forwarded-for", &spoof)], "/api/activate", wrong, None).await;
    }
    let r = app.call_from("203.0.113.9", &[("x-forwarded-for", "198.51.100.99")], "/api/activate", &form, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "a spoofed header does not get round the wait");
    let clients: Vec<_> = app.audit_rows_without_case().into_iter().filter_map(|(_, c)| c).collect();
    assert!(clients.iter().all(|c| c == "203.0.113.9"), "{clients:?}");

    // Behind a trusted proxy, each client is who the proxy says.
    let app = TestApp::with(|c| {
        c.free_failures_per_client = 10;
        c.free_failures_per_account = 3;
        c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    });
    for _ in 0..15 {
        let hops = "6.6.6.6, 198.51.100.7";
        app.call_from("127.0.0.1", &[("x-forwarded-for", hops)], "/api/activate", wrong, None).await;
    }
    let r = app.call_from("127.0.0.1", &[("x-forwarded-for", "198.51.100.7")], "/api/activate", &form, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "198.51.100.7 must wait");
    let r = app.call_from("127.0.0.1", &[("x-forwarded-for", "198.51.100.8")], "/api/activate", &form, None).await;
    assert_eq!(r.status, StatusCode::OK, "another client behind the same proxy does not: {}", r.body);
    let clients: Vec<_> = app.audit_rows_without_case().into_iter().filter_map(|(_, c)| c).collect();
    assert!(clients.iter().any(|c| c == "198.51.100.7") && !clients.iter().any(|c| c == "127.0.0.1"), "{clients:?}");
}

#[tokio::test]
async fn practitioner_sign_in_slows_down_but_never_locks() {
    let app = with_backoff();
    for _ in 0..3 {
        let r = app
            .call("/api/sign_in_practitioner", "email=practitioner%40demo.waymark.example&password=nope", None)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
    // Now even the right password waits, with the same message.
    let right = "email=practitioner%40demo.waymark.example&password=waymark-demo";
    let r = app.call("/api/sign_in_practitioner", right, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), server::backend::PRACTITIONER_WRONG);
    // The wait ends by itself: no one has to unlock anything.
    app.backend.store_for_tests().write().unwrap().execute("UPDATE attempt_backoff SET blocked_until = 0", ()).unwrap();
    assert_eq!(app.call("/api/sign_in_practitioner", right, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn production_refuses_demo_data_and_demo_sign_ins() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = server::config::Config::for_tests(dir.path().to_owned());
    config.environment = server::config::Environment::Production;
    assert!(server::start(&config).is_err(), "production must not seed demo data");

    // A database that already holds demo rows: production still refuses them.
    let dev = server::config::Config::for_tests(dir.path().to_owned());
    drop(server::start(&dev).unwrap());
    config.demo = false;
    let app = TestApp::start(&config, dir).unwrap();
    let r = app
        .call("/api/sign_in_practitioner", "email=practitioner%40demo.waymark.example&password=waymark-demo", None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r =
        app.call("/api/activate", &format!("code={}&pin=4826&pin_again=4826", seed::DEMO_ACTIVATION_CODE), None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = app
        .call(
            "/api/sign_in_person",
            &format!("number={}&pin={}", seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn signing_in_without_javascript_redirects_to_the_caseload() {
    let app = TestApp::new();
    let r = app
        .post_form(
            "/api/sign_in_practitioner",
            "email=practitioner%40demo.waymark.example&password=waymark-demo",
            "/practitioner/sign-in",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location.as_deref(), Some("/caseload"));
    let page = app.get("/caseload", r.cookie.as_deref()).await;
    assert!(page.body.contains("Your caseload") && page.body.contains("Jay"));
}
