//! Integration tests: run the built `statusgen` binary against fixture sites under tests/fixtures.
mod action;
mod authoring;
mod build;
mod check;
mod common;
mod dispatch;
mod embed;
mod incident_flow;
mod outputs;
mod serve;
