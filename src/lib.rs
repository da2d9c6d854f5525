//! statusgen: a static site generator for status pages and incident timelines.
//!
//! The pipeline: [`Project::open`] reads a site folder (`load`), checks it into the model
//! (`validate`, `model`) and settles "now" and the base URL; [`render`] plans every output
//! file as a job and makes the jobs; a [`Sink`] takes them, to disk ([`Staging`]) or memory
//! ([`Memory`]).
//!
//! The API is what this page lists: open a site, read its model, render it. The modules
//! behind it are the crate's own; [`internals`] lends a few of their parts to the tests and
//! benchmarks, and is not part of the API.

pub(crate) mod cli;
pub(crate) mod clock;
pub(crate) mod diagnostics;
pub(crate) mod edit;
pub(crate) mod error;
pub(crate) mod escape;
pub(crate) mod import;
pub(crate) mod json;
pub(crate) mod language;
pub(crate) mod load;
pub(crate) mod markdown;
pub(crate) mod mdbook;
pub(crate) mod model;
pub(crate) mod output;
pub(crate) mod parallel;
pub(crate) mod project;
pub(crate) mod render;
#[cfg(feature = "serve")]
pub(crate) mod serve;
pub(crate) mod theme;
pub(crate) mod validate;

// Each from the module that defines it: a re-export of a re-export reads as unreachable to
// `unreachable_pub`, and `cargo fix` would narrow the inner one.
pub use cli::main;
pub use diagnostics::{Diagnostic, Report};
pub use model::incident::Incident;
pub use model::site::{Config, Service, Site};
pub use model::state::State;
pub use model::time::{Instant, SiteZone};
pub use output::disk::{Staging, Written};
pub use output::error::OutputError;
pub use output::memory::Memory;
pub use output::{OutputFile, Sink};
pub use parallel::Counter;
pub use project::{BaseUrl, NoTheme, OpenError, Options, Origin, Project, Setting};
pub use render::error::RenderError;
pub use render::render;

/// Not part of the API: parts of the modules that the tests and benchmarks reach into. They
/// change with the modules, without notice.
#[doc(hidden)]
pub mod internals {
    pub use crate::language::dates::LocalFormats;
    pub use crate::language::tag::resolve;
    pub use crate::load::raw::RawIncident;
    pub use crate::load::tree::{Node, NodeValue, parse_tree};
    pub use crate::load::yaml::parse as parse_yaml;
    pub use crate::model::time::parse_timestamp;
    pub use crate::model::uptime::{incidents_by_service, service_history};
    pub use crate::render::with_files;
    pub use crate::theme::builtin_files;
}
