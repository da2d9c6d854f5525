//! Integration tests: run the built `statusgen` binary against fixture sites under tests/fixtures.
mod action;
mod authoring;
mod build;
mod check;
mod common;
mod dispatch;
mod embed;
mod import;
mod import_cstate;
mod import_inputs;
mod incident_flow;
mod languages;
mod output_folder;
mod outputs;
mod round_trip;
mod serve;
mod untidy_sites;
