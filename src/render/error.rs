//! Why a build could not render the site.

use crate::output::OutputError;

/// A render stops at its first error; each says what failed, the output's with its cause.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The theme is missing, its UI strings do not parse, or it was not read.
    #[error("{0}")]
    Theme(String),
    /// A template does not compile, or fails on the site's data; the text names it.
    #[error("{0}")]
    Template(String),
    /// Two planned files need the same place: one as a file, the other as a folder.
    #[error("{0}")]
    Clash(String),
    /// A file was asked for that the plan does not make.
    #[error("no file at {0}")]
    NoFile(String),
    #[error(transparent)]
    Output(#[from] OutputError),
}
