//! Widgets shared by several screens.

mod condition_inputs;
mod error_notice;
mod form;
mod layout;

pub use condition_inputs::*;
pub use error_notice::*;
pub use form::*;
pub use layout::*;
