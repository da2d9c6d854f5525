//! statusgen: a static site generator for status pages and incident timelines.
//!
//! The pipeline is load → validate → model → render → write, one module each.

pub mod cli;
pub mod clock;
pub mod diagnostics;
pub(crate) mod import;
pub mod json;
pub mod load;
pub mod markdown;
pub mod mdbook;
pub mod model;
pub mod output;
pub mod parallel;
pub mod render;
#[cfg(feature = "serve")]
pub(crate) mod serve;
pub mod site;
pub mod validate;
