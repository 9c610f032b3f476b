//! "Nearest first": the one public page that loads the app, because only the
//! browser can ask the phone where it is. Everything else on the hope corner
//! works without it.

use crate::components::Page;
use crate::format;
use crate::islands::NearMe;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HopeNearPage() -> impl IntoView {
    // Back to the same list: its need, words and area, nothing else.
    let list = use_query_map().with_untracked(|q| {
        let kept: Vec<String> = ["need", "q", "area"]
            .into_iter()
            .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| format!("{k}={}", format::url_encode(&v))))
            .collect();
        if kept.is_empty() {
            "/hope".to_owned()
        } else {
            format!("/hope?{}", kept.join("&"))
        }
    });
    view! {
        <Page title="Help nearest to you" quick_exit=true>
            <h1>"Help nearest to you"</h1>
            <p class="lead">"Your phone can tell Waymark roughly where you are, so the nearest help comes first."</p>
            <p>
                "Waymark only uses it to sort the list. It is rounded to about half a mile and is not kept."
            </p>
            <NearMe list=list.clone() />
            <noscript>
                <p>"This needs JavaScript, which is off on this phone. You can choose your area on the list instead."</p>
            </noscript>
            <p><a href=list>"Back to the list"</a></p>
        </Page>
    }
}
