//! `TestApp`: a Waymark router on a temporary database, and a browser-like client.

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use http_body_util::BodyExt;
use server::config::Config;
use server::seed;
use tower::ServiceExt;

pub struct TestApp {
    pub router: axum::Router,
    pub backend: std::sync::Arc<server::backend::WaymarkBackend>,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub cookie: Option<String>,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// A response header as text ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// Every `Set-Cookie` line, whole.
    pub fn set_cookies(&self) -> Vec<&str> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).collect()
    }

    /// The plain message a person sees for a server function's error.
    pub fn message(&self) -> String {
        serde_json::from_str::<app::error::AppError>(&self.body)
            .map(|e| e.to_string())
            .unwrap_or_else(|_| self.body.clone())
    }
}

impl TestApp {
    pub fn new() -> TestApp {
        Self::with(|_| {})
    }

    pub fn with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::for_tests(dir.path().to_owned());
        config.free_failures_per_client = 1000;
        config.free_failures_per_account = 1000;
        adjust(&mut config);
        Self::start(&config, dir).expect("start")
    }

    /// Start on a given configuration; `dir` (its data directory) lives as long as the app.
    pub fn start(config: &Config, dir: tempfile::TempDir) -> Result<TestApp, server::StartError> {
        let (router, backend, _) = server::start(config)?;
        Ok(TestApp { router, backend, _dir: dir })
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res: Response<Body> = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let location = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let cookie = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.split(';').next().map(str::to_owned));
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply { status, location, cookie, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// A server function called from a client address, with any extra headers
    /// (as a proxy in front would add them).
    pub async fn call_from(
        &self,
        peer: &str,
        headers: &[(&str, &str)],
        path: &str,
        form: &str,
        cookie: Option<&str>,
    ) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        let mut req = req.body(Body::from(form.to_owned())).expect("request");
        let addr: std::net::SocketAddr = format!("{peer}:40000").parse().expect("peer address");
        req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
        self.send(req).await
    }

    /// Every cookie a response sets, as `name=value`.
    pub async fn cookies_set(&self, req: Request<Body>) -> (StatusCode, Vec<String>) {
        let res: Response<Body> = self.router.clone().oneshot(req).await.expect("infallible");
        let cookies = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|c| c.split(';').next().map(str::to_owned))
            .collect();
        (res.status(), cookies)
    }

    /// The latest audit rows of a case: (actor, action, client), newest first.
    pub fn audit_rows(&self, case: i64) -> Vec<(String, String, Option<String>)> {
        let conn = self.backend.store_for_tests().read().unwrap();
        let mut stmt = conn
            .prepare("SELECT actor, action, client FROM audit WHERE case_id = ?1 ORDER BY id DESC")
            .expect("audit query");
        stmt.query_map([case], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("audit rows")
            .collect::<Result<_, _>>()
            .expect("audit rows")
    }

    /// The audit rows of a case written since it had `before` rows, newest first.
    pub fn audit_rows_since(&self, case: i64, before: usize) -> Vec<(String, String, Option<String>)> {
        let mut rows = self.audit_rows(case);
        rows.truncate(rows.len() - before);
        rows
    }

    /// Audit rows with no case (failed sign-ins on unknown numbers or codes): (action, client).
    pub fn audit_rows_without_case(&self) -> Vec<(String, Option<String>)> {
        let conn = self.backend.store_for_tests().read().unwrap();
        let mut stmt =
            conn.prepare("SELECT action, client FROM audit WHERE case_id IS NULL ORDER BY id").expect("query");
        stmt.query_map((), |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").collect::<Result<_, _>>().expect("rows")
    }

    /// A page asked for from a client address.
    pub async fn get_from(&self, peer: &str, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        let mut req = req.body(Body::empty()).expect("request");
        let addr: std::net::SocketAddr = format!("{peer}:40000").parse().expect("peer address");
        req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
        self.send(req).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// Where a redirect goes, as a browser follows it: with `cookie` (the
    /// session) and every cookie the redirect set (a failed form's state).
    pub async fn follow(&self, r: &Reply, cookie: Option<&str>) -> Reply {
        let location = r.location.as_deref().expect("a redirect");
        // A browser keeps the fragment to itself.
        let path = location.trim_start_matches("http://localhost").split('#').next().unwrap_or_default();
        let set: Vec<&str> = r.set_cookies().into_iter().filter_map(|c| c.split(';').next()).collect();
        let jar: Vec<&str> = cookie.into_iter().chain(set).collect();
        self.get(path, (!jar.is_empty()).then(|| jar.join("; ")).as_deref()).await
    }

    /// A server function called as the hydrated app would (not a plain form).
    pub async fn call(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).expect("request")).await
    }

    /// A plain HTML form post, as a browser without JavaScript sends it.
    pub async fn post_form(&self, path: &str, form: &str, referer: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, format!("http://localhost{referer}"));
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).expect("request")).await
    }

    /// A file sent as a browser sends a plain `multipart/form-data` form.
    pub async fn upload(&self, path: &str, field: &str, file_name: &str, bytes: &[u8], cookie: Option<&str>) -> Reply {
        let (content_type, body) = multipart(field, file_name, bytes);
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body)).expect("request")).await
    }

    /// A map on a condition of Jay's, made straight in the store: the condition's id.
    pub fn jays_map(&self) -> i64 {
        let conn = self.backend.store_for_tests().write().unwrap();
        let id = server::store::insert_answered_condition(
            &conn,
            app::model::CaseId(JAY),
            "4.0",
            "0f9a20f4-35c7-4c77-8af8-f200f153fa11",
            &Default::default(),
            None,
            None,
        )
        .expect("condition");
        server::store::put_condition_map(&conn, id, app::model::map::MapFormat::Pdf, b"%PDF-1.7").expect("map");
        id.0
    }

    /// Dee's Waymark number: the demo person who has not activated yet.
    pub fn dee_number(&self) -> String {
        let conn = self.backend.store_for_tests().read().unwrap();
        conn.query_row("SELECT waymark_number FROM cases WHERE activated_at IS NULL LIMIT 1", (), |r| r.get(0))
            .expect("Dee")
    }

    /// The id of the service with this name.
    pub fn service_named(&self, name: &str) -> i64 {
        let conn = self.backend.store_for_tests().read().unwrap();
        conn.query_row("SELECT id FROM service WHERE name = ?1", [name], |r| r.get(0)).expect(name)
    }

    pub async fn practitioner(&self, email: &str) -> String {
        let form = format!("email={}&password={}", email.replace('@', "%40"), seed::DEMO_PASSWORD);
        let r = self.call("/api/sign_in_practitioner", &form, None).await;
        assert_eq!(r.status, StatusCode::OK, "sign in {email}: {}", r.body);
        r.cookie.expect("session cookie")
    }

    /// A new office with one admin (password `another-password`), signed in.
    pub async fn office_admin(&self, office: &str, area: &str, email: &str) -> String {
        let office = {
            let conn = self.backend.store_for_tests().write().unwrap();
            server::store::insert_office(&conn, office, "2 High Street", area, true).expect("office")
        };
        self.staff(office, email, app::model::Admin::Office).await
    }

    /// A practitioner with no cases in `office` (password `another-password`), signed in.
    pub async fn staff(&self, office: app::model::OfficeId, email: &str, admin: app::model::Admin) -> String {
        {
            let conn = self.backend.store_for_tests().write().unwrap();
            let hash = server::auth::hash_secret("another-password").expect("hash");
            let admin = server::store::NewPractitioner {
                office_id: office,
                name: "Robin",
                email,
                password_hash: &hash,
                admin,
                is_demo: false,
            };
            server::store::insert_practitioner(&conn, &admin).expect("practitioner");
        }
        let form = format!("email={}&password=another-password", email.replace('@', "%40"));
        let r = self.call("/api/sign_in_practitioner", &form, None).await;
        assert_eq!(r.status, StatusCode::OK, "sign in {email}: {}", r.body);
        r.cookie.expect("session cookie")
    }

    pub async fn person(&self, number: &str, pin: &str) -> String {
        let r = self.call("/api/sign_in_person", &format!("number={number}&pin={pin}"), None).await;
        assert_eq!(r.status, StatusCode::OK, "sign in {number}: {}", r.body);
        r.cookie.expect("session cookie")
    }
}

/// A `multipart/form-data` body holding one file: its content type and bytes.
pub fn multipart(field: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    const BOUNDARY: &str = "----waymark-test-boundary";
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// The demo cases: Jay (Sam's), Dee (Sam's, not activated), Alex (Priya's).
pub const JAY: i64 = 1;
pub const ALEX: i64 = 3;
pub const ALEX_NUMBER: &str = "40000003";
pub const ALEX_PIN: &str = "1357";

/// "file: needle" for each `needle` named in a server source file (`.rs` under
/// `server/src/`, by its path from there) that `included` picks.
pub fn server_sources_naming(included: impl Fn(&str) -> bool, needles: &[&str]) -> Vec<String> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("source dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src").to_string_lossy().into_owned();
            if !included(&rel) || path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            found.extend(needles.iter().filter(|n| text.contains(**n)).map(|n| format!("{rel}: {n}")));
        }
    }
    found
}
