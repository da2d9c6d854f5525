//! The memory sinks: a build kept as bytes by path, for `serve` and tests; or made and let
//! go, for `check`.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use super::{OutputFile, Sink};

/// Files written by path; a second file at a path replaces the first.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    /// Every file, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        self.files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes })
            .collect()
    }
}

impl Sink for Memory {
    fn write(&self, file: OutputFile) -> Result<(), super::OutputError> {
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(file.path, file.bytes);
        Ok(())
    }
}

/// Takes every file and keeps none: `check` renders a site with its own theme to see that
/// every template renders, as a build would.
#[derive(Debug, Default)]
pub(crate) struct Discard;

impl Sink for Discard {
    fn write(&self, _: OutputFile) -> Result<(), super::OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_out_sorted_and_the_last_of_a_path_wins() {
        let memory = Memory::default();
        for (path, bytes) in [("b.html", "1"), ("a.html", "2"), ("b.html", "3")] {
            memory
                .write(OutputFile::new(path, bytes.as_bytes().to_vec()))
                .unwrap();
        }
        let files = memory.into_files();
        assert_eq!(
            files,
            [
                OutputFile::new("a.html", b"2".to_vec()),
                OutputFile::new("b.html", b"3".to_vec())
            ]
        );
    }
}
