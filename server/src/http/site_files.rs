//! The built site's files and how long a browser may keep them (issue 14.3).
//!
//! `.ci/build-site` names the CSS, JS and wasm by their content and lists
//! them in `pkg/assets.json`: a changed file gets a new name, so those names
//! are kept for a year without asking again (`immutable`). Every other file
//! (`/sw.js`, `/manifest.webmanifest`, `/offline.html`, icons) keeps its name
//! across releases and is checked each time (`no-cache`).

use app::assets::Assets;
use axum::http::HeaderValue;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub const MANIFEST: &str = "pkg/assets.json";

const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

#[derive(Debug, thiserror::Error)]
pub enum SiteFilesError {
    #[error("{path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Parse { path: PathBuf, source: serde_json::Error },
}

/// The names pages link to, and which of them are content-named.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    pub assets: Assets,
    hashed: HashSet<String>,
}

impl SiteFiles {
    /// Reads `pkg/assets.json` under the site root. A root without one (not
    /// made by `.ci/build-site`, as in the Rust tests) links to the plain
    /// names, and nothing is kept as immutable.
    pub fn load(site_root: &Path) -> Result<SiteFiles, SiteFilesError> {
        let path = site_root.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(SiteFiles::default()),
            Err(source) => return Err(SiteFilesError::Read { path, source }),
        };
        let assets: Assets = serde_json::from_str(&text).map_err(|source| SiteFilesError::Parse { path, source })?;
        let hashed = assets.files().iter().map(|f| (*f).to_owned()).collect();
        Ok(SiteFiles { assets, hashed })
    }

    /// `Cache-Control` for a static file at this address.
    pub fn cache_control(&self, path: &str) -> HeaderValue {
        if self.hashed.contains(path) {
            IMMUTABLE
        } else {
            REVALIDATE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_named_files_are_immutable() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir(dir.path().join("pkg")).expect("pkg");
        let mut assets = Assets::default();
        assets.css = "/pkg/waymark.0123456789abcdef.css".into();
        std::fs::write(dir.path().join(MANIFEST), serde_json::to_string(&assets).expect("json")).expect("write");
        let files = SiteFiles::load(dir.path()).expect("load");
        assert_eq!(files.assets.css, "/pkg/waymark.0123456789abcdef.css");
        assert_eq!(files.cache_control("/pkg/waymark.0123456789abcdef.css"), IMMUTABLE);
        for path in ["/sw.js", "/manifest.webmanifest", "/offline.html", "/pkg/waymark.css", "/pkg/assets.json"] {
            assert_eq!(files.cache_control(path), REVALIDATE, "{path}");
        }
    }

    #[test]
    fn a_site_without_a_manifest_links_the_plain_names_and_keeps_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let files = SiteFiles::load(dir.path()).expect("load");
        assert_eq!(files.assets, Assets::default());
        assert_eq!(files.cache_control("/pkg/waymark.css"), REVALIDATE);
    }

    #[test]
    fn a_broken_manifest_stops_the_start() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir(dir.path().join("pkg")).expect("pkg");
        std::fs::write(dir.path().join(MANIFEST), "{").expect("write");
        assert!(matches!(SiteFiles::load(dir.path()), Err(SiteFilesError::Parse { .. })));
    }
}
