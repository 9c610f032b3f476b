//! Integration tests: the real router, a fresh seeded database per test, no network.
//! One test binary (modules below) so the workspace links it once.

mod audit;
mod auth;
mod bad_input;
mod blocking;
mod body_limits;
mod boundary;
mod cases;
mod common;
mod condition_map;
mod convergence;
mod cross_site;
mod csp;
mod durability;
mod form_state;
mod hope;
mod hope_exchange;
mod licence;
mod lost_phone;
mod national;
mod news;
mod parts;
mod personal;
mod plain_words;
mod plan;
mod plurals;
mod reads;
mod removal;
mod reporting;
mod residence;
mod routes;
mod share;
mod site_files;
mod sync;
mod sync_commit;
mod tls;
