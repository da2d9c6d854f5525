//! The site being served, shared between the rebuild loop (one writer) and the HTTP threads
//! (many readers), and the build version the reload script waits on.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::output::OutputFile;

/// One build as served: the last good files, and the error of the last build if it failed.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// Counts builds, good or failed: a page reloads when it changes.
    pub version: u64,
    /// The last good build, by `/`-separated path; empty until the first good build.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The located diagnostics of the last build when it failed, as plain text.
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Shared {
    site: RwLock<Snapshot>,
    /// A copy of `site.version` for the long poll to wait on without holding the site.
    version: Mutex<u64>,
    changed: Condvar,
}

impl Shared {
    /// Serves `files` from now on, and clears the error.
    pub(super) fn publish_good(&self, files: Vec<OutputFile>) -> u64 {
        let files = files.into_iter().map(|f| (f.path, f.bytes)).collect();
        self.publish(|snapshot| {
            snapshot.files = files;
            snapshot.error = None;
        })
    }

    /// Replaces only `files` (an incremental build), keeps the others, and clears the error.
    pub(super) fn publish_changed(&self, files: Vec<OutputFile>) -> u64 {
        self.publish(|snapshot| {
            for file in files {
                snapshot.files.insert(file.path, file.bytes);
            }
            snapshot.error = None;
        })
    }

    /// Keeps serving the last good files, with `error` shown on every page.
    pub(super) fn publish_error(&self, error: String) -> u64 {
        self.publish(|snapshot| snapshot.error = Some(error))
    }

    fn publish(&self, change: impl FnOnce(&mut Snapshot)) -> u64 {
        let version = {
            let mut snapshot = self.site.write().unwrap_or_else(PoisonError::into_inner);
            change(&mut snapshot);
            snapshot.version += 1;
            snapshot.version
        };
        *self.version.lock().unwrap_or_else(PoisonError::into_inner) = version;
        self.changed.notify_all();
        version
    }

    /// Runs `f` on the current snapshot (holding the read lock: keep `f` short).
    pub(super) fn read<T>(&self, f: impl FnOnce(&Snapshot) -> T) -> T {
        f(&self.site.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// The build version once it differs from `since`, or the unchanged one after `timeout`.
    pub(super) fn wait_for_change(&self, since: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut version = self.version.lock().unwrap_or_else(PoisonError::into_inner);
        while *version == since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            version = self
                .changed
                .wait_timeout(version, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        *version
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_failed_build_keeps_the_last_good_files() {
        let shared = Shared::default();
        assert_eq!(
            shared.publish_good(vec![OutputFile::new("index.html", b"one".to_vec())]),
            1
        );
        assert_eq!(shared.publish_error("error: x".into()), 2);
        shared.read(|s| {
            assert_eq!(s.version, 2);
            assert_eq!(s.files["index.html"], b"one");
            assert_eq!(s.error.as_deref(), Some("error: x"));
        });
        shared.publish_good(vec![OutputFile::new("index.html", b"two".to_vec())]);
        shared.read(|s| {
            assert_eq!(s.files["index.html"], b"two");
            assert_eq!(s.error, None);
        });
    }

    #[test]
    fn the_long_poll_wakes_on_a_new_build_and_times_out_otherwise() {
        let shared = Arc::new(Shared::default());
        assert_eq!(shared.wait_for_change(0, Duration::from_millis(20)), 0);
        assert_eq!(shared.wait_for_change(5, Duration::from_secs(5)), 0);
        let waiter = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || shared.wait_for_change(0, Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(20));
        let started = Instant::now();
        shared.publish_error("boom".into());
        assert_eq!(waiter.join().unwrap(), 1);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
