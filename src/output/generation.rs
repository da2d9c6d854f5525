//! A folder made to hold exactly the files of a build. It may start empty or as an older
//! output (the spare generation): then a file with the same bytes is left as it is, a changed
//! one is rewritten, and [`Generation::prune`] removes what the build did not make. Creating
//! and deleting files is the slow part of a rebuild on a disk; comparing is not.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::{KEPT, OutputError};

/// What the folder held when the build began, by `/`-separated path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Folder,
    /// A file of this length; `shared` when it has other hard links, which must not change.
    File {
        len: u64,
        shared: bool,
    },
    /// The output's `.git`, carried from build to build: never looked into.
    Kept,
}

pub(super) struct Generation {
    dir: PathBuf,
    before: BTreeMap<String, Entry>,
    made: Mutex<HashSet<String>>,
}

impl Generation {
    /// Opens `dir` to be written, creating it if need be; anything in it that is not a plain
    /// file or folder (a symbolic link, say) goes, so no write can leave the folder.
    pub(super) fn open(dir: &Path) -> Result<Generation, OutputError> {
        let reusable = std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
        if !reusable && std::fs::symlink_metadata(dir).is_ok() {
            std::fs::remove_file(dir).map_err(OutputError::io("remove", dir))?;
        }
        let mut before = BTreeMap::new();
        if reusable {
            list(dir, "", &mut before)?;
        } else {
            std::fs::create_dir_all(dir).map_err(OutputError::io("create", dir))?;
        }
        Ok(Generation {
            dir: dir.to_path_buf(),
            before,
            made: Mutex::default(),
        })
    }

    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes the file at `rel` hold `bytes`; safe to call from several threads for different
    /// paths. True when the file held them already and was left as it was.
    pub(super) fn put(&self, rel: &str, bytes: &[u8]) -> Result<bool, OutputError> {
        let path = safe_join(&self.dir, rel)?;
        self.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(rel.to_string());
        if !self.before.is_empty() && self.make_room(rel, &path, bytes)? {
            return Ok(true);
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(OutputError::io("create", parent))?;
        }
        std::fs::write(&path, bytes).map_err(OutputError::io("write", &path))?;
        Ok(false)
    }

    /// True when `path` already holds `bytes`; else clears the way for writing it: a folder
    /// or a shared file there goes, and so does a file where a folder above it must be.
    fn make_room(&self, rel: &str, path: &Path, bytes: &[u8]) -> Result<bool, OutputError> {
        match self.before.get(rel) {
            Some(Entry::File { len, shared }) => {
                if *len == bytes.len() as u64 && std::fs::read(path).is_ok_and(|old| old == bytes) {
                    return Ok(true);
                }
                // Rewritten in place only when no other name sees the change.
                if *shared {
                    ignore_missing(std::fs::remove_file(path))
                        .map_err(OutputError::io("remove", path))?;
                }
                return Ok(false);
            }
            Some(Entry::Folder) => ignore_missing(std::fs::remove_dir_all(path))
                .map_err(OutputError::io("remove", path))?,
            Some(Entry::Kept) | None => {}
        }
        for (at, _) in rel.match_indices('/') {
            if let Some(Entry::File { .. }) = self.before.get(&rel[..at]) {
                // Another thread may have replaced it by the folder already.
                let _ = std::fs::remove_file(self.dir.join(&rel[..at]));
            }
        }
        Ok(false)
    }

    /// Removes what the folder held before and the build did not make, except the output's
    /// `.git` at its top; returns how many files and folders went.
    pub(super) fn prune(&self) -> Result<usize, OutputError> {
        if self.before.is_empty() {
            return Ok(0);
        }
        let made = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        let mut folders = HashSet::new();
        for rel in made.iter() {
            for (at, _) in rel.match_indices('/') {
                folders.insert(&rel[..at]);
            }
        }
        let mut gone = HashSet::new();
        for (rel, entry) in &self.before {
            let kept = made.contains(rel) || folders.contains(rel.as_str());
            // Inside a folder removed already, or one that became a file.
            let inside_gone = rel
                .match_indices('/')
                .any(|(at, _)| gone.contains(&rel[..at]) || made.contains(&rel[..at]));
            if kept || inside_gone || *entry == Entry::Kept {
                continue;
            }
            let path = self.dir.join(rel);
            let result = match entry {
                Entry::Folder => std::fs::remove_dir_all(&path),
                _ => std::fs::remove_file(&path),
            };
            ignore_missing(result).map_err(OutputError::io("remove", &path))?;
            gone.insert(rel.as_str());
        }
        Ok(gone.len())
    }
}

/// Lists `dir` into `into` by path under the generation's root (`prefix`), removing what is
/// neither a plain file nor a folder.
fn list(dir: &Path, prefix: &str, into: &mut BTreeMap<String, Entry>) -> Result<(), OutputError> {
    let entries = std::fs::read_dir(dir).map_err(OutputError::io("read", dir))?;
    for entry in entries {
        let entry = entry.map_err(OutputError::io("read", dir))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(OutputError::io("read", &path))?;
        let name = entry.file_name();
        let rel = match name.to_str() {
            Some(name) if (kind.is_dir() || kind.is_file()) => format!("{prefix}{name}"),
            // A name no build makes, or a link: it goes now.
            _ => {
                remove_any(&path, kind.is_dir())?;
                continue;
            }
        };
        if prefix.is_empty() && rel == KEPT {
            into.insert(rel, Entry::Kept);
        } else if kind.is_dir() {
            list(&path, &format!("{rel}/"), into)?;
            into.insert(rel, Entry::Folder);
        } else {
            let meta = entry.metadata().map_err(OutputError::io("read", &path))?;
            let shared = hard_links(&meta) > 1;
            into.insert(
                rel,
                Entry::File {
                    len: meta.len(),
                    shared,
                },
            );
        }
    }
    Ok(())
}

fn remove_any(path: &Path, folder: bool) -> Result<(), OutputError> {
    let removed = if folder {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path))
    };
    removed.map_err(OutputError::io("remove", path))
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    // Unknown: rewriting every file as new is always safe.
    2
}

fn ignore_missing(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// A relative, `/`-separated path under `dir`; no `..`, no absolute paths.
/// The output's `.git` is the user's: no build writes it.
fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf, OutputError> {
    let odd = |part: &str| part == ".." || part == "." || part.is_empty();
    if rel.starts_with('/') || rel.split('/').any(odd) || rel.split('/').next() == Some(KEPT) {
        return Err(OutputError::OutsideOutput(rel.to_string()));
    }
    Ok(dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::temp;

    /// Every file under `dir` with its bytes, and every folder (as `path/`).
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut entries = BTreeMap::new();
        let mut listed = BTreeMap::new();
        list(dir, "", &mut listed).unwrap();
        for (rel, entry) in listed {
            match entry {
                Entry::File { .. } => {
                    entries.insert(rel.clone(), std::fs::read(dir.join(&rel)).unwrap())
                }
                _ => entries.insert(format!("{rel}/"), vec![]),
            };
        }
        entries
    }

    fn build(dir: &Path, files: &[(&str, &str)]) -> (usize, usize) {
        let generation = Generation::open(dir).unwrap();
        let mut unchanged = 0;
        for (rel, text) in files {
            unchanged += usize::from(generation.put(rel, text.as_bytes()).unwrap());
        }
        (unchanged, generation.prune().unwrap())
    }

    #[test]
    fn an_older_output_becomes_exactly_the_new_one() {
        let base = temp("generation");
        let dir = base.join("next");
        let old = [
            ("index.html", "old home"),
            ("same.html", "same"),
            ("gone/index.html", "gone"),
            ("gone/deeper/index.html", "gone"),
            ("was-a-file", "now a folder"),
            ("was-a-folder/index.html", "now a file"),
            ("kept/stale.html", "stale"),
        ];
        build(&dir, &old);
        let new = [
            ("index.html", "new home"),
            ("same.html", "same"),
            ("was-a-file/index.html", "folder"),
            ("was-a-folder", "file"),
            ("kept/fresh.html", "fresh"),
        ];
        let (unchanged, removed) = build(&dir, &new);
        assert_eq!(
            (unchanged, removed),
            (1, 2),
            "same.html; gone/ and kept/stale.html"
        );
        let clean = base.join("clean");
        build(&clean, &new);
        assert_eq!(tree(&dir), tree(&clean));
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn unchanged_files_stay_as_they_were() {
        let base = temp("unchanged");
        let dir = base.join("next");
        build(&dir, &[("a.html", "one"), ("b.html", "two")]);
        let before = std::fs::metadata(dir.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        build(&dir, &[("a.html", "one"), ("b.html", "six")]);
        let after = std::fs::metadata(dir.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after, "a.html was not written again");
        assert_eq!(std::fs::read(dir.join("b.html")).unwrap(), b"six");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[cfg(unix)]
    #[test]
    fn links_never_lead_a_write_outside() {
        let base = temp("generation-links");
        let dir = base.join("next");
        let elsewhere = base.join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("index.html"), "someone's").unwrap();
        std::fs::write(base.join("backup.html"), "old").unwrap();
        build(&dir, &[("x", "x")]);
        std::os::unix::fs::symlink(&elsewhere, dir.join("sub")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("index.html"), dir.join("page.html")).unwrap();
        std::fs::hard_link(base.join("backup.html"), dir.join("linked.html")).unwrap();
        build(
            &dir,
            &[
                ("sub/index.html", "new"),
                ("page.html", "new"),
                ("linked.html", "new"),
            ],
        );
        assert_eq!(
            std::fs::read(elsewhere.join("index.html")).unwrap(),
            b"someone's"
        );
        assert_eq!(std::fs::read(base.join("backup.html")).unwrap(), b"old");
        assert_eq!(std::fs::read(dir.join("sub/index.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(dir.join("linked.html")).unwrap(), b"new");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_git_folder_is_neither_written_nor_pruned() {
        let base = temp("generation-git");
        let dir = base.join("next");
        std::fs::create_dir_all(dir.join(".git/objects")).unwrap();
        std::fs::write(dir.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
        build(&dir, &[("index.html", "home")]);
        assert!(dir.join(".git/HEAD").is_file());
        let generation = Generation::open(&dir).unwrap();
        assert!(generation.put(".git/HEAD", b"mine").is_err());
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn paths_stay_inside() {
        let dir = Path::new("/tmp/x");
        for bad in [
            "../etc/passwd",
            "/etc/passwd",
            "a//b",
            "a/./b",
            "",
            ".git",
            ".git/config",
        ] {
            assert!(safe_join(dir, bad).is_err(), "{bad}");
        }
        assert!(safe_join(dir, "incidents/a/index.html").is_ok());
        assert!(safe_join(dir, ".nojekyll").is_ok());
        assert!(safe_join(dir, "a/.git").is_ok());
    }
}
