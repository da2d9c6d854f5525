//! Why a build could not render the site, or a block.

use std::sync::Arc;

use crate::language::NoFormats;
use crate::output::OutputError;
use crate::project::NoTheme;

/// A render stops at its first error; each says what failed, with its cause.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The theme is missing, its UI strings do not parse, or it was not read.
    #[error(transparent)]
    Theme(Arc<NoTheme>),
    #[error(transparent)]
    Formats(#[from] NoFormats),
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// Two planned files need the same place: one as a file, the other as a folder.
    #[error("{0}")]
    Clash(String),
    /// A file was asked for that the plan does not make.
    #[error("no file at {0}")]
    NoFile(String),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// A template does not compile, or fails on the site's data; each names the template.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// tera's report is lines of its own, above the hint of which templates the site brings:
    /// it is part of this message, not a cause after it.
    #[error("a template does not compile:\n{report}{provided}")]
    Compile {
        report: tera::Error,
        /// `\n(the site's theme provides: ...)`, or nothing for the built-in theme.
        provided: String,
    },
    #[error("{name}")]
    Data {
        name: String,
        #[source]
        error: tera::Error,
    },
    /// tera's report goes on the lines below the template's name; it is the cause too, so
    /// that what it wraps is said after it.
    #[error("in template {name}:\n{error}")]
    Render {
        name: String,
        #[source]
        error: tera::Error,
    },
}

/// Why a block (of the mdBook preprocessor) could not be rendered.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BlockError {
    #[error(transparent)]
    Theme(Arc<NoTheme>),
    #[error(transparent)]
    Formats(#[from] NoFormats),
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// With a did-you-mean, or the list of slugs.
    #[error("unknown incident '{slug}' — {suggestion}")]
    UnknownIncident { slug: String, suggestion: String },
    #[error("incident '{slug}' is not public yet at {at}")]
    NotPublic { slug: String, at: String },
}
