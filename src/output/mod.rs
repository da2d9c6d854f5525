//! The one writer: every output byte goes through a [`Sink`], on disk ([`Staging`]: a
//! folder swapped in whole) or in memory ([`Memory`]: `serve` and tests). Nothing here reads
//! the site.

mod disk;
mod memory;

pub use disk::{MARKER, Staging, Written, check_target, write_site};
pub use memory::Memory;

use std::time::Duration;

use crate::parallel::WallShare;

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
    fn write(&self, file: OutputFile) -> Result<(), String>;
}

/// A sink that keeps the time its writes take, as their share of the wall clock: files are
/// written while others are rendered, and each phase line says its own share.
pub struct Timed<'s> {
    sink: &'s dyn Sink,
    writing: WallShare,
}

impl<'s> Timed<'s> {
    pub fn new(sink: &'s dyn Sink) -> Timed<'s> {
        Timed {
            sink,
            writing: WallShare::default(),
        }
    }

    /// The wall-clock time the writes took so far.
    pub fn took(&self) -> Duration {
        self.writing.total()
    }
}

impl Sink for Timed<'_> {
    fn write(&self, file: OutputFile) -> Result<(), String> {
        self.writing.time(|| self.sink.write(file))
    }
}
