//! `/health` says ready only while the database answers (issue 11.6): on
//! PostgreSQL, a database that refuses connections makes it fail, quickly,
//! and it recovers when the database is back.

use crate::common::*;
use axum::http::StatusCode;
use std::time::{Duration, Instant};

/// Run `sql` as the test server's admin (a thread of its own: the client blocks).
fn admin(sql: String) {
    let url = std::env::var(server::store::pg_testing::VARIABLE).expect("the test PostgreSQL");
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("admin connection");
        client.batch_execute(&sql).expect("admin SQL");
    })
    .join()
    .expect("admin thread");
}

#[tokio::test]
async fn health_fails_while_the_database_refuses_and_recovers() {
    if std::env::var(server::store::pg_testing::VARIABLE).map_or(true, |v| v.is_empty()) {
        eprintln!("skipped: set WAYMARK_TEST_DATABASE_URL (.ci/with-postgres) to stop a PostgreSQL database");
        return;
    }
    let app = TestApp::new();
    assert_eq!(app.get("/health", None).await.status, StatusCode::OK);
    let database: String =
        app.backend.store_for_tests().read().unwrap().query_row("SELECT current_database()", (), |r| r.get(0)).unwrap();
    admin(format!(
        "ALTER DATABASE {database} ALLOW_CONNECTIONS false;
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}';"
    ));
    let started = Instant::now();
    let down = app.get("/health", None).await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE, "{}", down.body);
    assert!(started.elapsed() < Duration::from_secs(5), "answered in {:?}", started.elapsed());
    admin(format!("ALTER DATABASE {database} ALLOW_CONNECTIONS true"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.get("/health", None).await.status != StatusCode::OK {
        assert!(Instant::now() < deadline, "/health did not recover");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
