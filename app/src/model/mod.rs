//! Domain types shared by the server and the browser.

pub mod about;
mod appointment;
pub mod audit;
mod case;
pub mod catalogue;
pub mod check_in;
pub mod cookie;
pub mod display;
pub mod handover;
pub mod hope;
mod ids;
mod licence;
pub mod map;
pub mod news;
pub mod parts;
pub mod place;
pub mod progress;
pub mod reporting;
pub mod request;
pub mod share;
mod step;
pub mod sync;
mod validate;
mod viewer;
pub mod week;
pub mod what_changed;

pub use appointment::*;
pub use case::*;
pub use ids::*;
pub use licence::*;
pub use step::*;
pub use validate::*;
pub use viewer::*;
