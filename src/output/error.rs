//! What can go wrong while writing a site: each message names the path it is about.

use std::path::{Path, PathBuf};

use super::KEPT;

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "refusing to write to {}: it contains the site itself; choose another folder with -o",
        .0.display()
    )]
    ContainsSite(PathBuf),
    #[error("refusing to write to {}: it is a file", .0.display())]
    NotAFolder(PathBuf),
    #[error(
        "refusing to write to {}: it is not empty and not an earlier statusgen output (no {} file); \
         choose an empty or new folder with -o",
        .0.display(),
        super::MARKER
    )]
    NotOurs(PathBuf),
    #[error("refusing to write outside the output folder: {0:?}")]
    OutsideOutput(String),
    #[error("{}: the symbolic link leads in a loop, or through more than 40 links", .0.display())]
    LinkLoop(PathBuf),
    #[error(
        "cannot keep {KEPT} of {}: the spare generation {} has one too; remove the one you do not need",
        .live.display(),
        .spare.display()
    )]
    KeptTwice { live: PathBuf, spare: PathBuf },
    #[error("cannot {doing} {}: {source}", .path.display())]
    Io {
        doing: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

impl OutputError {
    /// An I/O error while `doing` something to `path`, e.g. `io("create", dir)(e)`.
    pub(crate) fn io(doing: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| OutputError::Io {
            doing,
            path,
            source,
        }
    }
}
