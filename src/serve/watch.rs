//! Watching the site folder, the only module that touches notify.
//!
//! Only what a build reads is watched: `status.yaml`/`status.yml` (the root, not
//! recursively) and `incidents/`, `themes/`, `static/` (recursively). Output folders such
//! as `public/` and a repository's `target/` are never watched, so our own builds and cargo's
//! cannot trigger rebuilds, and a big folder beside the site costs nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

const WATCHED_DIRS: [&str; 3] = ["incidents", "themes", "static"];
const WATCHED_FILES: [&str; 2] = ["status.yaml", "status.yml"];
/// A save is often several events (write, rename, chmod): wait for this much quiet.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// But rebuild at least this often while files keep changing.
const MAX_DELAY: Duration = Duration::from_secs(1);

/// The site folder cannot be watched: serve cannot rebuild on changes.
#[derive(Debug, thiserror::Error)]
#[error("cannot watch {}", .path.display())]
pub(crate) struct WatchError {
    path: PathBuf,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl Watch {
    pub(super) fn start(root: &Path) -> Result<Watch, WatchError> {
        let failed = |source: Box<dyn std::error::Error + Send + Sync>| WatchError {
            path: root.to_path_buf(),
            source,
        };
        let root = root.canonicalize().map_err(|e| failed(e.into()))?;
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when serve is ending.
            let _ = sender.send(event);
        })
        .map_err(|e| failed(e.into()))?;
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| failed(e.into()))?;
        let mut watch = Watch {
            watcher,
            events,
            root,
        };
        for dir in WATCHED_DIRS {
            watch.watch_dir(dir);
        }
        Ok(watch)
    }

    fn watch_dir(&mut self, name: &str) {
        let path = self.root.join(name);
        if path.is_dir()
            && let Err(e) = self.watcher.watch(&path, RecursiveMode::Recursive)
        {
            eprintln!(
                "warning: cannot watch {}: {e}; changes there need a restart",
                path.display()
            );
        }
    }

    /// Blocks until a file of the site changes, then until the changes pause; returns the
    /// changed paths relative to the site root, in order. `None` when watching has stopped.
    pub(super) fn next_change(&mut self) -> Option<Vec<String>> {
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.take(event, &mut changed);
        }
        let first = Instant::now();
        while first.elapsed() < MAX_DELAY {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(event) => self.take(event, &mut changed),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(changed.into_iter().collect())
    }

    fn take(&mut self, event: notify::Result<notify::Event>, changed: &mut BTreeSet<String>) {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                eprintln!("warning: watching {}: {e}", self.root.display());
                return;
            }
        };
        if event.need_rescan() {
            // The kernel dropped events: we cannot know what changed, so rebuild.
            changed.insert("(the site)".to_string());
            return;
        }
        if is_read(&event.kind) {
            return;
        }
        for path in &event.paths {
            let Some(rel) = relative(&self.root, path) else {
                continue;
            };
            if !is_site_file(&rel) {
                continue;
            }
            // A watched folder made (or made again) after the start: watch inside it too.
            if WATCHED_DIRS.contains(&rel.as_str()) {
                self.watch_dir(&rel);
            }
            changed.insert(rel);
        }
    }
}

/// Opening and reading (a build does both) change nothing; closing after a write does.
fn is_read(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Access(access) if *access != AccessKind::Close(AccessMode::Write))
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Whether a change at `rel` (relative to the site root, `/`-separated) can change the
/// built site: a file a build reads, and not an editor's temporary file.
pub(crate) fn is_site_file(rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or_default();
    let watched = WATCHED_FILES.contains(&rel) || WATCHED_DIRS.contains(&first);
    let name = rel.rsplit('/').next().unwrap_or_default();
    watched && !is_editor_temp(name)
}

/// Swap, backup and atomic-save files of vim, emacs, kate, gedit, JetBrains IDEs, and
/// macOS's folder metadata.
fn is_editor_temp(name: &str) -> bool {
    let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name == ".DS_Store"
        || name.starts_with(".goutputstream-")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || matches!(
            extension,
            "swp" | "swx" | "swo" | "swn" | "swpx" | "kate-swp" | "tmp"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watches_what_a_build_reads() {
        for rel in [
            "status.yaml",
            "status.yml",
            "incidents/a.yaml",
            "incidents/2024/b.yml",
            "incidents",
            "themes/mine/templates/base.html",
            "static/logo.png",
            "static/.well-known/security.txt",
        ] {
            assert!(is_site_file(rel), "{rel}");
        }
    }

    #[test]
    fn ignores_outputs_and_editor_files() {
        for rel in [
            "public/index.html",
            ".public.statusgen-new-42/index.html",
            "target/debug/statusgen",
            "README.md",
            "status.yaml~",
            "incidents/.a.yaml.swp",
            "incidents/.a.yaml.swx",
            "incidents/a.yaml~",
            "incidents/.#a.yaml",
            "incidents/#a.yaml#",
            "incidents/4913",
            "themes/t/templates/.base.html.kate-swp",
            "static/.DS_Store",
            "incidents/a.yaml___jb_tmp___",
        ] {
            assert!(!is_site_file(rel), "{rel}");
        }
    }

    #[test]
    fn reads_are_not_changes() {
        assert!(is_read(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(is_read(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_read(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_read(&EventKind::Modify(notify::event::ModifyKind::Any)));
    }

    #[test]
    fn paths_are_relative_to_the_root() {
        let root = Path::new("/site");
        assert_eq!(
            relative(root, Path::new("/site/incidents/a.yaml")).as_deref(),
            Some("incidents/a.yaml")
        );
        assert_eq!(relative(root, Path::new("/site")), None);
        assert_eq!(relative(root, Path::new("/elsewhere/a.yaml")), None);
    }
}
