//! The practitioner's case pages follow the phone: every few seconds the page
//! asks whether the case changed, and shows the change without a manual reload.
//! If the practitioner is typing, it asks first rather than lose their words.

use leptos::prelude::*;

// An island on the server and in the desk's wasm; in the person's build a
// component nothing calls, so none of it (nor textstat) reaches their wasm.
#[cfg_attr(any(feature = "ssr", feature = "desk"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "desk")), component)]
pub fn LiveUpdates(case_id: i64, rev: u64, name: String) -> impl IntoView {
    let changed = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::watch(case_id, rev, changed);
    });
    let _ = (case_id, rev);
    view! {
        <div role="status" aria-live="polite">
            {move || {
                changed
                    .get()
                    .then(|| {
                        view! {
                            <p class="live-banner">
                                {format!("{name} changed something on their phone. ")}
                                <a href="">"Show the changes"</a>
                            </p>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    const EVERY_MS: i32 = 4_000;

    pub fn watch(case_id: i64, rev: u64, changed: RwSignal<bool>) {
        let Some(window) = web_sys::window() else { return };
        let busy = Rc::new(Cell::new(false));
        let tick = Closure::<dyn Fn()>::new(move || {
            if changed.get_untracked() || busy.replace(true) {
                return;
            }
            let busy = busy.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(now) = current_rev(case_id).await {
                    if now != rev {
                        if typing() {
                            changed.set(true);
                        } else if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    }
                }
                busy.set(false);
            });
        });
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), EVERY_MS);
        tick.forget();
    }

    async fn current_rev(case_id: i64) -> Option<u64> {
        let window = web_sys::window()?;
        if window.document()?.hidden() {
            return None; // a tab in the background costs nothing
        }
        let response = JsFuture::from(window.fetch_with_str(&format!("/api/v1/cases/{case_id}/rev"))).await.ok()?;
        let response: web_sys::Response = response.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        let json = JsFuture::from(response.json().ok()?).await.ok()?;
        js_sys::Reflect::get(&json, &JsValue::from_str("rev")).ok()?.as_f64().map(|r| r as u64)
    }

    /// Whether the practitioner has changed a field that a reload would lose:
    /// words, but also a date, a time, a number or a choice made.
    fn typing() -> bool {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
        let Ok(fields) = document.query_selector_all("main textarea, main input") else { return false };
        (0..fields.length()).filter_map(|i| fields.item(i)).any(|node| {
            if let Some(t) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                return t.default_value().is_ok_and(|d| t.value() != d);
            }
            let Some(i) = node.dyn_ref::<web_sys::HtmlInputElement>() else { return false };
            match i.type_().as_str() {
                "hidden" | "submit" | "button" | "reset" | "image" => false,
                "checkbox" | "radio" => i.checked() != i.default_checked(),
                _ => i.value() != i.default_value(),
            }
        })
    }
}
