//! Widgets shared by several screens.

mod condition_inputs;
mod condition_map;
mod error_notice;
mod form;
mod layout;
mod step_guidance;
mod week_picture;

pub use condition_inputs::*;
pub use condition_map::*;
pub use error_notice::*;
pub use form::*;
pub use layout::*;
pub use step_guidance::*;
pub use week_picture::*;
