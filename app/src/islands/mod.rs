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
