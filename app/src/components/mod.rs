//! Widgets shared by several screens.

mod error_notice;
mod form;
mod layout;

pub use error_notice::*;
pub use form::*;
pub use layout::*;
