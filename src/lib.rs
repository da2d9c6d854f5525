//! statusgen: a static site generator for status pages and incident timelines.
//!
//! The pipeline: [`project::Project::open`] reads a site folder (`load`), checks it into the
//! model (`validate`, `model`) and settles "now" and the base URL; `render` plans every output
//! file as a job and makes the jobs; `output` writes them, to disk or memory.

pub mod cli;
pub(crate) mod clock;
pub(crate) mod diagnostics;
pub(crate) mod edit;
pub(crate) mod error;
pub(crate) mod escape;
pub(crate) mod import;
pub(crate) mod json;
pub mod language;
pub mod load;
pub(crate) mod markdown;
pub(crate) mod mdbook;
pub mod model;
pub mod output;
pub(crate) mod parallel;
pub mod project;
pub mod render;
#[cfg(feature = "serve")]
pub(crate) mod serve;
pub mod theme;
pub(crate) mod validate;
