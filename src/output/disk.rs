//! The disk sink: a build is written to a folder beside the output and swapped in only when
//! complete, so a failed build leaves the previous site exactly as it was; and we never write
//! into a folder that is not ours. The folder written is the output before the last build,
//! kept for that: only the files that changed are written again.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::generation::Generation;
use super::workspace::Workspace;
use super::{KEPT, MARKER, OutputError, OutputFile, Sink, swap, target};

/// What a build wrote, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files the build made, and their bytes.
    pub files: usize,
    pub bytes: u64,
    /// Of those files, how many were there with the same bytes and were left as they were.
    pub unchanged: usize,
    /// Files and folders of the reused generation that the build did not make.
    pub removed: usize,
}

/// Replaces `out` with exactly `files`, atomically as far as the filesystem allows. Builds
/// stage their files as they are made; the tests have theirs at hand.
#[cfg(test)]
pub(crate) fn write_site(
    out: &Path,
    site_root: &Path,
    files: &[OutputFile],
) -> Result<Written, OutputError> {
    let staging = Staging::create(out, site_root, &|| {})?;
    for file in files {
        staging.write(file)?;
    }
    staging.commit()
}

/// A new site being written beside its target folder, swapped in by [`Staging::commit`].
/// Dropped without a commit, the target stays as it was.
pub struct Staging {
    live: PathBuf,
    workspace: Workspace,
    generation: Generation,
    paths: Mutex<HashSet<String>>,
    bytes: AtomicU64,
    unchanged: AtomicUsize,
}

impl Staging {
    /// Starts a build of `out`, waiting while another build of it runs (`waiting` is called
    /// first, to say so).
    pub fn create(
        out: &Path,
        site_root: &Path,
        waiting: &dyn Fn(),
    ) -> Result<Staging, OutputError> {
        target::check_target(out, site_root)?;
        let live = target::resolve(out)?;
        let workspace = Workspace::open(&live, waiting)?;
        let generation = Generation::open(&workspace.next())?;
        Ok(Staging {
            live,
            workspace,
            generation,
            paths: Mutex::default(),
            bytes: AtomicU64::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Writes one file; safe to call from several threads for different paths.
    pub fn write(&self, file: &OutputFile) -> Result<(), OutputError> {
        if self.generation.put(&file.path, &file.bytes)? {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        }
        self.paths
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(file.path.clone());
        self.bytes
            .fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Marks the new site as ours, removes what the build did not make, and swaps it in place
    /// of the old one, carrying the old one's `.git` over.
    pub fn commit(self) -> Result<Written, OutputError> {
        let marker = "This folder was written by statusgen and is replaced by each build.\n";
        self.generation.put(MARKER, marker.as_bytes())?;
        let removed = self.generation.prune()?;
        let next = self.generation.dir();
        let carried = carry_kept(&self.live, next)?;
        if let Err(e) = swap::swap(next, &self.live, &self.workspace.aside()) {
            if carried {
                let _ = swap::swap(
                    &next.join(KEPT),
                    &self.live.join(KEPT),
                    &self.workspace.aside(),
                );
            }
            return Err(OutputError::io("move the new site into", &self.live)(e));
        }
        let files = self
            .paths
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        Ok(Written {
            files,
            bytes: self.bytes.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed,
        })
    }
}

impl Sink for Staging {
    fn write(&self, file: OutputFile) -> Result<(), OutputError> {
        Staging::write(self, &file)
    }
}

/// Moves the live output's `.git` into the new generation (moved, not copied: a git worktree
/// of the published branch stays one). True when there was one.
fn carry_kept(live: &Path, next: &Path) -> Result<bool, OutputError> {
    let from = live.join(KEPT);
    if std::fs::symlink_metadata(&from).is_err() {
        return Ok(false);
    }
    let to = next.join(KEPT);
    if std::fs::symlink_metadata(&to).is_err() {
        std::fs::rename(&from, &to).map_err(OutputError::io("move", &from))?;
        return Ok(true);
    }
    // Left there by a build stopped between this move and the swap, then made anew by hand.
    match swap::exchange(&from, &to) {
        Ok(true) => Ok(true),
        Ok(false) => Err(OutputError::KeptTwice {
            live: live.to_path_buf(),
            spare: next.to_path_buf(),
        }),
        Err(e) => Err(OutputError::io("move", &from)(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::temp;
    use std::sync::atomic::AtomicBool;

    fn site(files: &[(&str, &str)]) -> Vec<OutputFile> {
        let file = |(path, text): &(&str, &str)| OutputFile::new(path, text.as_bytes().to_vec());
        files.iter().map(file).collect()
    }

    /// Every path under `dir` (folders end in `/`) with the bytes of the files.
    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut found = vec![];
        let mut stack = vec![dir.to_path_buf()];
        while let Some(current) = stack.pop() {
            for entry in std::fs::read_dir(&current).unwrap() {
                let path = entry.unwrap().path();
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if path.is_dir() {
                    found.push((format!("{rel}/"), vec![]));
                    stack.push(path);
                } else {
                    found.push((rel, std::fs::read(&path).unwrap()));
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn replaces_its_own_output_and_refuses_foreign_folders() {
        let base = temp("swap");
        let site_root = base.join("site");
        std::fs::create_dir_all(&site_root).unwrap();
        let out = base.join("public");
        write_site(&out, &site_root, &site(&[("a/index.html", "one")])).unwrap();
        write_site(&out, &site_root, &site(&[("b.html", "two")])).unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"two");

        let foreign = base.join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        let err = write_site(&foreign, &site_root, &site(&[("x.html", "")])).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)), "{err}");
        assert!(err.to_string().contains("docs"), "{err}");
        assert_eq!(
            std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "mine"
        );

        let err = write_site(&base, &site_root, &[]).unwrap_err();
        assert!(matches!(err, OutputError::ContainsSite(_)), "{err}");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_rebuild_over_the_spare_equals_a_clean_build() {
        let base = temp("rebuilds");
        let root = base.join("site");
        std::fs::create_dir_all(&root).unwrap();
        let (out, clean) = (base.join("public"), base.join("clean"));
        let builds = [
            site(&[
                ("index.html", "1"),
                ("incidents/a/index.html", "a"),
                ("feed.xml", "f1"),
            ]),
            site(&[
                ("index.html", "2"),
                ("incidents/b/index.html", "b"),
                ("feed.xml", "f1"),
            ]),
            site(&[
                ("index.html", "3"),
                ("incidents/a", "a file now"),
                ("api/x.json", "{}"),
            ]),
            site(&[("index.html", "3"), ("incidents/a/index.html", "a")]),
        ];
        for files in &builds {
            let written = write_site(&out, &root, files).unwrap();
            assert_eq!(written.files, files.len());
            let _ = std::fs::remove_dir_all(&clean);
            write_site(&clean, &root, files).unwrap();
            assert_eq!(tree(&out), tree(&clean));
        }
        // The fourth build reused the output of the second, whose feed.xml it did not make.
        let next = base.join(".public.statusgen/next");
        assert_eq!(std::fs::read(next.join("index.html")).unwrap(), b"3");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn the_output_never_goes_missing_while_it_is_replaced() {
        let base = temp("poll");
        let root = base.join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = base.join("public");
        let files = |n: usize| site(&[("index.html", &format!("build {n}")), ("a/b.html", "b")]);
        write_site(&out, &root, &files(0)).unwrap();
        let done = AtomicBool::new(false);
        let (polls, missing) = std::thread::scope(|scope| {
            let poller = scope.spawn(|| {
                let (mut polls, mut missing) = (0, 0);
                while !done.load(Ordering::Relaxed) {
                    polls += 1;
                    if std::fs::read(out.join("index.html")).is_err() {
                        missing += 1;
                    }
                }
                (polls, missing)
            });
            for n in 1..=300 {
                write_site(&out, &root, &files(n)).unwrap();
            }
            done.store(true, Ordering::Relaxed);
            poller.join().unwrap()
        });
        assert!(polls > 300, "{polls} polls");
        assert_eq!(
            missing, 0,
            "index.html was missing in {missing} of {polls} polls"
        );
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn builds_at_once_take_turns_and_all_succeed() {
        let base = temp("concurrent");
        let root = base.join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = base.join("public");
        std::thread::scope(|scope| {
            let builds: Vec<_> = (0..8)
                .map(|n| {
                    let (out, root) = (&out, &root);
                    scope.spawn(move || {
                        let text = format!("build {n}");
                        write_site(
                            out,
                            root,
                            &site(&[("index.html", &text), ("x/y.html", &text)]),
                        )
                    })
                })
                .collect();
            for build in builds {
                build.join().unwrap().unwrap();
            }
        });
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("x/y.html")).unwrap(),
            index
        );
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn the_git_of_the_output_is_moved_into_each_build() {
        let base = temp("git");
        let root = base.join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = base.join("public");
        // A worktree of gh-pages, just made: its `.git` and nothing else.
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(".git"), "gitdir: /repo/.git/worktrees/public\n").unwrap();
        std::fs::write(root.join("CNAME"), "not in the output").unwrap();
        write_site(&out, &root, &site(&[("index.html", "1")])).unwrap();
        assert!(out.join(".git").is_file());
        // A clone, with its objects: moved, not copied, whatever the build.
        std::fs::remove_file(out.join(".git")).unwrap();
        std::fs::create_dir_all(out.join(".git/objects")).unwrap();
        std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
        let head = std::fs::metadata(out.join(".git/HEAD")).unwrap();
        for n in 2..5 {
            let page = format!("page {n}");
            write_site(&out, &root, &site(&[("index.html", &page)])).unwrap();
            assert_eq!(
                std::fs::read_to_string(out.join("index.html")).unwrap(),
                page
            );
        }
        let moved = std::fs::metadata(out.join(".git/HEAD")).unwrap();
        #[cfg(unix)]
        assert_eq!(
            std::os::unix::fs::MetadataExt::ino(&head),
            std::os::unix::fs::MetadataExt::ino(&moved)
        );
        assert_eq!(head.len(), moved.len());
        assert!(!base.join(".public.statusgen/next/.git").exists());
        let _ = std::fs::remove_dir_all(&base);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_as_the_output_keeps_leading_to_the_new_build() {
        let base = temp("link");
        let root = base.join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(base.join("www")).unwrap();
        let link = base.join("public");
        std::os::unix::fs::symlink("www/status", &link).unwrap();
        for n in 1..4 {
            let page = format!("build {n}");
            write_site(&link, &root, &site(&[("index.html", &page)])).unwrap();
            assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
            let target = base.join("www/status/index.html");
            assert_eq!(std::fs::read_to_string(target).unwrap(), page);
        }
        assert!(base.join("www/.status.statusgen/next").is_dir());
        assert!(!base.join(".public.statusgen").exists());
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn without_exchange_the_swap_still_keeps_the_spare() {
        crate::output::swap::tests::WITHOUT_EXCHANGE.with(|w| w.set(true));
        let base = temp("no-exchange");
        let root = base.join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = base.join("public");
        for n in 0..3 {
            let page = format!("build {n}");
            write_site(&out, &root, &site(&[("index.html", &page)])).unwrap();
            assert_eq!(
                std::fs::read_to_string(out.join("index.html")).unwrap(),
                page
            );
        }
        let next = base.join(".public.statusgen/next/index.html");
        assert_eq!(std::fs::read_to_string(next).unwrap(), "build 1");
        crate::output::swap::tests::WITHOUT_EXCHANGE.with(|w| w.set(false));
        let _ = std::fs::remove_dir_all(&base);
    }
}
