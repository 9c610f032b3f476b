//! Server functions: the API contract. Each checks who is asking, then calls
//! the `Backend` from context. No SQL here.

pub mod about;
pub mod auth;
pub mod caseload;
pub mod check_in;
pub mod display;
pub mod handover;
pub mod hope;
pub mod licence;
pub mod person;
pub mod plan;
pub mod progress;
#[cfg(feature = "ssr")]
pub mod request;
pub mod requests;
pub mod share;
