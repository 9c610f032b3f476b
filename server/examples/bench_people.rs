//! People for the sync load in `.ci/bench-speed` (a measurement, not a test):
//! opens the data directory the benchmark's server will use, opens N new cases
//! on the demo practitioner's caseload the way the desk does (standard steps,
//! an activation code), activates each with a PIN the way a phone does, and
//! prints one line per person: their session cookie and one of their steps.
//! So the load can be many people each sending their own taps, as in life,
//! beside one phone sending all of them.
//!
//! Run: cargo run -p server --example bench_people -- DATA_DIR N (a debug build will do)

use app::backend::{AuthBackend, CaseBackend, ClientKey, PlanBackend};
use app::model::cookie::{Cookie, CookiePolicy};
use app::model::{NewCase, PractitionerId};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let data = std::path::PathBuf::from(args.next().expect("usage: bench_people DATA_DIR N"));
    let n: usize = args.next().and_then(|n| n.parse().ok()).expect("usage: bench_people DATA_DIR N");
    let config = server::config::Config::for_tests(data);
    let (_router, backend, _) = server::start(&config).expect("start");
    let practitioner: PractitionerId = {
        let conn = backend.store_for_tests().read().unwrap();
        conn.query_row("SELECT id FROM practitioner WHERE email = ?1", [server::seed::DEMO_PRACTITIONER], |r| {
            r.get(0).map(PractitionerId)
        })
        .expect("the demo practitioner")
    };
    let client = ClientKey("bench".into());
    let policy = CookiePolicy { secure: config.secure_cookies() };
    let today = jiff::Zoned::now().date();
    for i in 0..n {
        let new_case = NewCase {
            preferred_name: format!("Bench {i}"),
            licence_start: today,
            licence_end: today.checked_add(jiff::Span::new().days(365)).expect("a year on"),
        };
        let case = backend.create_case(practitioner, &new_case).await.expect("case");
        let code = server::store::pending_code(&backend.store_for_tests().read().unwrap(), case)
            .expect("code")
            .expect("a live code");
        let (session, _number) = backend.activate(&code.code, "7394", &client).await.expect("activate");
        let step = backend.person_steps(case).await.expect("steps").first().map(|s| s.id.0).expect("a standard step");
        println!("{}={} {step}", policy.name(Cookie::Session), session.token);
    }
}
