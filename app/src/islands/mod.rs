//! The interactive leaves: the only parts compiled to wasm (DESIGN.md, Rendering).

mod display_options;
mod read_aloud;
mod readability_meter;

pub use display_options::*;
pub use read_aloud::*;
pub use readability_meter::*;
