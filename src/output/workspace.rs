//! The folder a build keeps beside its output, `.NAME.statusgen/`: the lock that lets one
//! build at a time replace the output, and the spare generation (the output before the last
//! build) that becomes the next build's new folder.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::OutputError;

/// The workspace of one output, locked for as long as this value lives.
pub(super) struct Workspace {
    dir: PathBuf,
    _lock: Option<File>,
}

impl Workspace {
    /// Takes the workspace of the folder `live`, calling `waiting` first when another build
    /// holds it; then cleans what killed builds left behind.
    pub(super) fn open(live: &Path, waiting: &dyn Fn()) -> Result<Workspace, OutputError> {
        let (parent, name) = parent_and_name(live);
        let dir = parent.join(format!(".{name}.statusgen"));
        std::fs::create_dir_all(&dir).map_err(OutputError::io("create", &dir))?;
        let lock = lock(&dir.join("lock"), waiting)?;
        let workspace = Workspace { dir, _lock: lock };
        remove_leftovers(parent, &name);
        workspace.recover(live)?;
        Ok(workspace)
    }

    /// The spare generation, and the new site while a build writes it.
    pub(super) fn next(&self) -> PathBuf {
        self.dir.join("next")
    }

    /// Where the previous output waits for a moment during a swap without exchange.
    pub(super) fn aside(&self) -> PathBuf {
        self.dir.join("aside")
    }

    /// After a build killed in the middle of a swap without exchange: the output moved aside
    /// goes back, or becomes the spare.
    fn recover(&self, live: &Path) -> Result<(), OutputError> {
        let aside = self.aside();
        if std::fs::symlink_metadata(&aside).is_err() {
            return Ok(());
        }
        let to = if std::fs::symlink_metadata(live).is_err() {
            live.to_path_buf()
        } else if std::fs::symlink_metadata(self.next()).is_err() {
            self.next()
        } else {
            return std::fs::remove_dir_all(&aside).map_err(OutputError::io("remove", &aside));
        };
        std::fs::rename(&aside, &to).map_err(OutputError::io("move back", &aside))
    }
}

pub(crate) fn parent_and_name(live: &Path) -> (&Path, String) {
    let parent = live
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = live
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

/// An exclusive lock on `path`, waiting for it if need be. Where the file system has no
/// locks, builds go unlocked rather than not at all.
fn lock(path: &Path, waiting: &dyn Fn()) -> Result<Option<File>, OutputError> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(OutputError::io("open the lock", path))?;
    let taken = match file.try_lock() {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => {
            waiting();
            file.lock()
        }
        Err(TryLockError::Error(e)) => Err(e),
    };
    match taken {
        Ok(()) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(None),
        Err(e) => Err(OutputError::io("lock", path)(e)),
    }
}

/// Removes the new and old folders (`.NAME.statusgen-new-PID`, `-old-PID`) of earlier
/// versions' builds whose process is gone: a build killed with SIGKILL leaves them.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.statusgen-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest
            .strip_prefix("new-")
            .or_else(|| rest.strip_prefix("old-"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !process_is_running(pid)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn process_is_running(pid: u32) -> bool {
    // Elsewhere than Linux the holder of the lock is the only build there is: such a folder
    // is an earlier version's, whose build has ended.
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished_process() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn folders_of_killed_builds_go_and_those_of_running_ones_stay() {
        let base = crate::output::tests::temp("leftovers");
        let live = base.join("public");
        let dead = base.join(format!(".public.statusgen-new-{}", finished_process()));
        let running = base.join(format!(".public.statusgen-new-{}", std::process::id()));
        let other = base.join(format!(".docs.statusgen-new-{}", finished_process()));
        for dir in [&dead, &running, &other] {
            std::fs::create_dir_all(dir.join("incidents")).unwrap();
            std::fs::write(dir.join("incidents/index.html"), "half").unwrap();
        }
        let workspace = Workspace::open(&live, &|| panic!("nobody else builds")).unwrap();
        assert!(!dead.exists());
        assert_eq!(running.exists(), cfg!(target_os = "linux"));
        assert!(other.exists(), "another output's folder");
        assert_eq!(workspace.next(), base.join(".public.statusgen/next"));
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_second_build_waits_for_the_first() {
        let base = crate::output::tests::temp("lock");
        let live = base.join("public");
        let first = Workspace::open(&live, &|| panic!("nobody else builds")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let second = std::thread::spawn(move || {
            let waited = std::sync::atomic::AtomicBool::new(false);
            let workspace = Workspace::open(&live, &|| {
                waited.store(true, std::sync::atomic::Ordering::SeqCst);
                tx.send(()).unwrap();
            })
            .unwrap();
            drop(workspace);
            waited.into_inner()
        });
        rx.recv().unwrap();
        drop(first);
        assert!(second.join().unwrap(), "the second build said it waits");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn an_output_moved_aside_by_a_killed_swap_comes_back() {
        let base = crate::output::tests::temp("aside");
        let live = base.join("public");
        let aside = base.join(".public.statusgen/aside");
        std::fs::create_dir_all(&aside).unwrap();
        std::fs::write(aside.join("index.html"), "site").unwrap();
        drop(Workspace::open(&live, &|| {}).unwrap());
        assert_eq!(std::fs::read(live.join("index.html")).unwrap(), b"site");
        assert!(!aside.exists());
        let _ = std::fs::remove_dir_all(&base);
    }
}
