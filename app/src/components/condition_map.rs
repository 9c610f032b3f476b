//! A condition's map on a page: a picture shows in place (tap for full size),
//! a PDF opens on its own.

use crate::model::map::ConditionMap;
use leptos::prelude::*;

#[component]
pub fn ConditionMapView(src: String, map: ConditionMap, #[prop(into)] caption: String) -> impl IntoView {
    if map.format.is_image() {
        let full = src.clone();
        view! {
            <figure class="condition-map">
                <a href=full>
                    <img src=src alt="The map of the area this rule is about" loading="lazy" />
                </a>
                <figcaption>{caption}</figcaption>
            </figure>
        }
        .into_any()
    } else {
        view! {
            <p class="condition-map">
                {caption}
                " "
                <a class="button button-secondary" href=src>"Open the map (PDF)"</a>
            </p>
        }
        .into_any()
    }
}
