//! The one writer: every output byte goes through a [`Sink`], on disk ([`Staging`]: a
//! folder swapped in whole) or in memory ([`Memory`](memory::Memory): `serve` and tests). Nothing here reads
//! the site.

pub(crate) mod disk;
pub(crate) mod error;
mod generation;
pub(crate) mod memory;
mod swap;
mod target;
mod workspace;

pub(crate) use disk::Staging;
pub(crate) use error::OutputError;
pub(crate) use memory::Discard;
pub(crate) use target::check_target;

use std::time::Duration;

use crate::parallel::WallShare;

/// Marks a folder as a statusgen output, so a later build may replace it.
pub(crate) const MARKER: &str = ".statusgen";

/// What a build keeps of the output it replaces: a git repository or worktree of the
/// published site (a `gh-pages` worktree at `public/`, say).
pub(crate) const KEPT: &str = ".git";

/// A file of the built site, by `/`-separated path under the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: &str, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            bytes,
        }
    }
}

/// Where the files of a build go.
pub trait Sink: Sync {
    /// Takes one file. Called from several threads at once, once for each path.
    fn write(&self, file: OutputFile) -> Result<(), OutputError>;
}

/// A sink that keeps the time its writes take, as their share of the wall clock: files are
/// written while others are rendered, and each phase line says its own share.
pub(crate) struct Timed<'s> {
    sink: &'s dyn Sink,
    writing: WallShare,
}

impl<'s> Timed<'s> {
    pub(crate) fn new(sink: &'s dyn Sink) -> Timed<'s> {
        Timed {
            sink,
            writing: WallShare::default(),
        }
    }

    /// The wall-clock time the writes took so far.
    pub(crate) fn took(&self) -> Duration {
        self.writing.total()
    }
}

impl Sink for Timed<'_> {
    fn write(&self, file: OutputFile) -> Result<(), OutputError> {
        self.writing.time(|| self.sink.write(file))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;

    /// A new empty folder for one test.
    pub(crate) fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("statusgen-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
