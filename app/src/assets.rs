//! The built site's own files, named by their content (`.ci/build-site` writes
//! `pkg/assets.json`), and the script that wakes the islands.
//!
//! Two builds of the islands: the person's (`hydrate`) and the desk's
//! (`hydrate` + `desk`: the readability meter and live updates as well). The
//! page loads the one for who is looking, after it has drawn (see `wake.js`).

use serde::{Deserialize, Serialize};

/// One build of the islands: its JS glue and its wasm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    pub js: String,
    pub wasm: String,
}

/// What `pkg/assets.json` names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assets {
    pub css: String,
    /// `public/register-sw.js`: registers the service worker.
    pub register: String,
    pub person: Bundle,
    pub desk: Bundle,
}

impl Default for Assets {
    /// The names before hashing: a site root that `.ci/build-site` did not make.
    fn default() -> Self {
        let bundle = |name: &str| Bundle { js: format!("/pkg/{name}.js"), wasm: format!("/pkg/{name}_bg.wasm") };
        Assets {
            css: "/pkg/waymark.css".into(),
            register: "/register-sw.js".into(),
            person: bundle("waymark"),
            desk: bundle("waymark-desk"),
        }
    }
}

impl Assets {
    /// Every file named here (their addresses).
    pub fn files(&self) -> [&str; 6] {
        [&self.css, &self.register, &self.person.js, &self.person.wasm, &self.desk.js, &self.desk.wasm]
    }

    /// The build for this viewer: practitioners get the desk's islands.
    pub fn bundle_for(&self, viewer: &crate::model::Viewer) -> &Bundle {
        match viewer {
            crate::model::Viewer::Practitioner { .. } => &self.desk,
            _ => &self.person,
        }
    }
}

/// The script that loads the islands once the page has drawn and loaded, when
/// the phone is idle: nothing of the app is fetched before then, so on a slow
/// line it never competes with the page itself. Leptos' `HydrationScripts`
/// would preload both files in the head and knows one build only; `wake.js`
/// walks the islands as its `island_script.js` does (leptos 0.8, MIT).
/// Inline, with this response's nonce (the CSP allows no other inline script);
/// it names the files in `data-js` and `data-wasm` (the app reads them too).
#[cfg(feature = "ssr")]
#[leptos::component]
pub fn WakeIslands(bundle: Bundle) -> impl leptos::IntoView {
    use leptos::prelude::*;
    // Islands start "not hydrating", as Leptos' own HydrationScripts sets it.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let nonce = leptos::nonce::use_nonce();
    view! {
        <script id="waymark-app" nonce=nonce data-js=bundle.js data-wasm=bundle.wasm>
            {include_str!("wake.js")}
        </script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CaseId, OfficeId, PractitionerId, Viewer};

    #[test]
    fn practitioners_get_the_desk_and_everyone_else_the_person_build() {
        let assets = Assets::default();
        let sam = Viewer::Practitioner {
            practitioner_id: PractitionerId(1),
            office_id: OfficeId(1),
            admin: crate::model::Admin::No,
        };
        assert_eq!(assets.bundle_for(&sam).js, "/pkg/waymark-desk.js");
        assert_eq!(assets.bundle_for(&Viewer::Person { case_id: CaseId(1) }).js, "/pkg/waymark.js");
        assert_eq!(assets.bundle_for(&Viewer::Anonymous).wasm, "/pkg/waymark_bg.wasm");
    }

    #[test]
    fn the_manifest_reads_as_build_site_writes_it() {
        let json = r#"{"css":"/pkg/waymark.0123456789abcdef.css","register":"/pkg/register-sw.5555555555555555.js",
            "person":{"js":"/pkg/waymark.1111111111111111.js","wasm":"/pkg/waymark_bg.2222222222222222.wasm"},
            "desk":{"js":"/pkg/waymark-desk.3333333333333333.js","wasm":"/pkg/waymark-desk_bg.4444444444444444.wasm"}}"#;
        let assets: Assets = serde_json::from_str(json).expect("manifest");
        assert_eq!(assets.files()[0], "/pkg/waymark.0123456789abcdef.css");
        assert_eq!(assets.files()[1], "/pkg/register-sw.5555555555555555.js");
        assert_eq!(assets.files()[5], "/pkg/waymark-desk_bg.4444444444444444.wasm");
    }
}
