//! The built site's files (issue 14.1–14.3): pages link the content-named
//! CSS, JS and wasm of `pkg/assets.json`, served to be kept for a year; the
//! person's pages load the person's build and the desk the desk's; nothing of
//! the app is preloaded in the head.

use crate::common::*;
use server::seed;

const CSS: &str = "/pkg/waymark.0123456789abcdef.css";

/// A site root as `.ci/build-site` leaves it, with a few of its files.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("site dir");
    std::fs::create_dir(dir.path().join("pkg")).expect("pkg");
    let manifest = format!(
        r#"{{"css": "{CSS}", "register": "/pkg/register-sw.1111111111111111.js",
            "person": {{"js": "/pkg/waymark.2222222222222222.js", "wasm": "/pkg/waymark_bg.3333333333333333.wasm"}},
            "desk": {{"js": "/pkg/waymark-desk.4444444444444444.js", "wasm": "/pkg/waymark-desk_bg.5555555555555555.wasm"}}}}"#
    );
    std::fs::write(dir.path().join("pkg/assets.json"), manifest).expect("manifest");
    std::fs::write(dir.path().join(CSS.trim_start_matches('/')), "body{}").expect("css");
    std::fs::write(dir.path().join("sw.js"), "// worker").expect("sw");
    std::fs::write(dir.path().join("offline.html"), "<p>offline</p>").expect("offline");
    dir
}

#[tokio::test]
async fn content_named_files_are_kept_a_year_and_the_rest_revalidated() {
    let root = site();
    let app = TestApp::with(|c| c.site_root = root.path().to_owned());
    let css = app.get(CSS, None).await;
    assert_eq!(css.status.as_u16(), 200);
    assert_eq!(css.header("cache-control"), "public, max-age=31536000, immutable");
    for path in ["/sw.js", "/offline.html"] {
        let r = app.get(path, None).await;
        assert_eq!(r.status.as_u16(), 200, "{path}");
        assert_eq!(r.header("cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn pages_link_the_named_files_and_each_viewer_gets_their_build() {
    let root = site();
    let app = TestApp::with(|c| c.site_root = root.path().to_owned());
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;

    let home = app.get("/", None).await.body;
    assert!(home.contains(&format!(r#"href="{CSS}""#)), "{home}");
    assert!(home.contains(r#"src="/pkg/register-sw.1111111111111111.js""#), "{home}");

    for path in ["/me", "/me/licence", "/me/appointments", "/me/steps", "/me/share", "/me/who-has-looked"] {
        let page = app.get(path, Some(&jay)).await.body;
        assert!(page.contains(r#"data-js="/pkg/waymark.2222222222222222.js""#), "{path}");
        assert!(page.contains(r#"data-wasm="/pkg/waymark_bg.3333333333333333.wasm""#), "{path}");
        assert!(!page.contains("waymark-desk"), "{path} names the desk's build");
        // The page draws first: no preload of the app competes with it.
        assert!(!page.contains(r#"rel="preload""#) && !page.contains("modulepreload"), "{path} preloads the app");
    }
    let desk = app.get("/caseload/1/licence", Some(&sam)).await.body;
    assert!(desk.contains(r#"data-js="/pkg/waymark-desk.4444444444444444.js""#));
    assert!(desk.contains(r#"data-wasm="/pkg/waymark-desk_bg.5555555555555555.wasm""#));
}

#[tokio::test]
async fn a_broken_manifest_stops_the_server_starting() {
    let root = site();
    std::fs::write(root.path().join("pkg/assets.json"), "{\"css\": ").expect("write");
    let dir = tempfile::tempdir().expect("data dir");
    let mut config = server::config::Config::for_tests(dir.path().to_owned());
    config.site_root = root.path().to_owned();
    assert!(matches!(TestApp::start(&config, dir), Err(server::StartError::Site(_))));
}
