//! The interactive leaves: the only parts compiled to wasm (DESIGN.md, Rendering).

mod display_options;
mod live_updates;
pub mod near_me;
mod read_aloud;
mod readability_meter;
mod sync_panel;

pub use display_options::*;
pub use live_updates::*;
pub use near_me::{NearMe, NearMeProps};
pub use read_aloud::*;
pub use readability_meter::*;
pub use sync_panel::*;

/// What the server wrote for an island on the page, as `name` on the island's
/// element or an element around it. Islands take no props: reading props
/// takes serde_json, the largest part of the person's wasm (issue 14.2).
#[cfg(feature = "hydrate")]
fn data_of(element: &web_sys::Element, name: &str) -> Option<String> {
    element.closest(&format!("[{name}]")).ok()??.get_attribute(name)
}

#[cfg(feature = "hydrate")]
fn data_i64(element: &web_sys::Element, name: &str) -> Option<i64> {
    data_of(element, name)?.parse().ok()
}
