//! On an office's hope corner, for its admins: download the office's services
//! as an Open Referral UK file, and load one (a council's or charity's
//! directory). A plain form upload, so it works without JavaScript; the server
//! sends the counts back in the address and a refusal in the form state (see
//! server `http/hope_exchange.rs`), so a link cannot put words on this page.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where the form posts the file.
pub const IMPORT_PATH: &str = "/caseload/hope/import";

/// What the last import did, read from the address.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Imported { added: usize, changed: usize, same: usize },
    Refused(String),
}

impl Outcome {
    fn words(&self) -> String {
        match self {
            Outcome::Imported { added: 0, changed: 0, same: 0 } => {
                "The file had no services in it. Nothing changed.".into()
            }
            Outcome::Imported { added: 0, changed: 0, same } => {
                let services = crate::format::count(*same, "service", "services");
                format!("Nothing changed. The {services} in the file are already here, just the same.")
            }
            Outcome::Imported { added, changed, same } => {
                format!("Done. {added} new, {changed} changed, {same} already the same.")
            }
            Outcome::Refused(why) => why.clone(),
        }
    }
}

fn outcome() -> Option<Outcome> {
    if let Some(refused) = super::form_error(IMPORT_PATH) {
        return Some(Outcome::Refused(refused.to_string()));
    }
    use_query_map().with_untracked(|q| {
        q.get("imported")?;
        let count = |k: &str| q.get(k).and_then(|n| n.parse().ok()).unwrap_or(0);
        Some(Outcome::Imported { added: count("added"), changed: count("changed"), same: count("same") })
    })
}

#[component]
pub fn Exchange() -> impl IntoView {
    let outcome = outcome();
    let refused = matches!(outcome, Some(Outcome::Refused(_)));
    view! {
        <section class="card" id="exchange" aria-labelledby="exchange-heading">
            <h2 id="exchange-heading">"Share or load services"</h2>
            <p>
                "Files use Open Referral UK, the standard for lists of local help. "
                "Only this office's own services go in or out, not the national helplines."
            </p>
            <p>
                <a class="button button-secondary" href="/caseload/hope/export.json" download="hope-corner.json">
                    "Download this office's services"
                </a>
            </p>
            {outcome
                .map(|o| {
                    if refused {
                        view! { <p class="error-message" role="alert">{o.words()}</p> }.into_any()
                    } else {
                        view! { <p class="banner" role="status">{o.words()}</p> }.into_any()
                    }
                })}
            <form method="post" action=IMPORT_PATH enctype="multipart/form-data">
                <div class="field" class:field-error=refused>
                    <label for="import-file">"Load a file"</label>
                    <p class="hint" id="import-file-hint">
                        "A service already here (the same id) is changed, a new one is added. "
                        "If anything in the file is wrong, nothing is loaded."
                    </p>
                    <input
                        type="file"
                        id="import-file"
                        name="file"
                        accept=".json,application/json"
                        aria-describedby="import-file-hint"
                    />
                </div>
                <button type="submit" class="button">"Load services"</button>
            </form>
        </section>
    }
}
