//! The interactive leaves: the only parts compiled to wasm (DESIGN.md, Rendering).

mod display_options;

pub use display_options::*;
