//! Integration tests: the real router, a fresh seeded database per test, no network.
//! One test binary (modules below) so the workspace links it once.

mod auth;
mod bad_input;
mod cases;
mod common;
mod condition_map;
mod convergence;
mod durability;
mod hope;
mod hope_exchange;
mod licence;
mod parts;
mod plain_words;
mod plan;
mod plurals;
mod removal;
mod reporting;
mod residence;
mod routes;
mod share;
mod sync;
