//! Domain types shared by the server and the browser.

mod case;
mod ids;
mod validate;
mod viewer;

pub use case::*;
pub use ids::*;
pub use validate::*;
pub use viewer::*;
