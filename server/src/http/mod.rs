//! The HTTP side: one router file, one file per middleware.

mod api_status;
mod body_limit;
mod calendar;
mod condition_map;
mod cross_site;
mod form_state;
mod headers;
mod hope_exchange;
mod metrics;
mod personal;
mod router;
mod session;
mod site_files;
mod sync;

pub use router::{build, App};
pub use site_files::SiteFilesError;
