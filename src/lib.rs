//! statusgen: a static site generator for status pages and incident timelines.
//!
//! The pipeline: [`project::Project::open`] reads a site folder (`load`), checks it into the
//! model (`validate`, `model`) and settles "now" and the base URL; `render` plans every output
//! file as a job and makes the jobs; `output` writes them, to disk or memory.

pub mod cli;
pub mod clock;
pub mod diagnostics;
pub(crate) mod edit;
pub mod error;
pub mod escape;
pub(crate) mod import;
pub mod json;
pub mod language;
pub mod load;
pub mod markdown;
pub mod mdbook;
pub mod model;
pub mod output;
pub mod parallel;
pub mod project;
pub mod render;
#[cfg(feature = "serve")]
pub(crate) mod serve;
pub mod theme;
pub mod validate;
