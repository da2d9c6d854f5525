//! Integration tests: run the built `statusgen` binary against fixture sites under tests/fixtures.
mod authoring;
mod build;
mod check;
mod common;
mod embed;
mod languages;
mod outputs;
mod serve;
