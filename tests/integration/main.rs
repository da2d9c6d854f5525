//! Integration tests: run the built `statusgen` binary against fixture sites under tests/fixtures.
mod authoring;
mod build;
mod check;
mod common;
mod embed;
mod import;
mod import_cstate;
mod import_inputs;
mod outputs;
mod round_trip;
mod serve;
