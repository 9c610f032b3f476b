//! "Nearest first": asks the phone where it is (the browser's own geolocation,
//! no outside service), then opens the hope corner sorted by distance. The
//! position is rounded to about a kilometre before it leaves the phone, and
//! Waymark does not keep it.

use leptos::prelude::*;

/// What the page says while asking, and when the phone says no.
pub mod words {
    pub const ASKING: &str = "Asking your phone where you are. If it asks you, choose Allow.";
    pub const REFUSED: &str =
        "Your phone did not share where you are. That is fine: you can still choose your area on the list.";
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    /// Ask once; `then` gets the rounded position, or `None` when the phone says no.
    pub fn locate(then: impl Fn(Option<(f64, f64)>) + Clone + 'static) {
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            return then(None);
        };
        let found = {
            let then = then.clone();
            Closure::once_into_js(move |position: JsValue| {
                let coords = position.unchecked_into::<web_sys::Position>().coords();
                then(Some((round(coords.latitude()), round(coords.longitude()))));
            })
        };
        let failed = {
            let then = then.clone();
            Closure::once_into_js(move |_: JsValue| then(None))
        };
        let options = web_sys::PositionOptions::new();
        options.set_timeout(20_000);
        options.set_maximum_age(600_000);
        if geo
            .get_current_position_with_error_callback_and_options(
                found.unchecked_ref(),
                Some(failed.unchecked_ref()),
                &options,
            )
            .is_err()
        {
            then(None);
        }
    }

    /// Two decimals: about a kilometre, enough to sort by, not enough to find a home.
    fn round(degrees: f64) -> f64 {
        (degrees * 100.0).round() / 100.0
    }

    pub fn go(url: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(url);
        }
    }
}

/// `list` is the hope-corner address to come back to, with its filters
/// (`/hope` or `/hope?need=food&area=…`): written beside the island as
/// `data-list`, not as a prop (island props would bring serde_json into the wasm).
#[component]
pub fn NearMe(list: String) -> impl IntoView {
    view! {
        <div data-list=list>
            <NearMeStatus />
        </div>
    }
}

#[island]
fn NearMeStatus() -> impl IntoView {
    let refused = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let status = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        asking.set(true);
        #[cfg(feature = "hydrate")]
        {
            let list = status.get().and_then(|p| super::data_of(&p, "data-list")).unwrap_or_else(|| "/hope".into());
            browser::locate(move |found| match found {
                Some((lat, lon)) => {
                    let join = if list.contains('?') { '&' } else { '?' };
                    let (lat, lon) = (crate::format::decimals(lat, 2), crate::format::decimals(lon, 2));
                    browser::go(&format!("{list}{join}lat={lat}&lon={lon}"));
                }
                None => refused.set(true),
            });
        }
    });
    view! {
        <p role="status" class="near-me" node_ref=status>
            {move || {
                if refused.get() {
                    words::REFUSED
                } else if asking.get() {
                    words::ASKING
                } else {
                    ""
                }
            }}
        </p>
    }
}
