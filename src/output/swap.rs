//! Putting a new generation in place of the live output. On Linux the two folders exchange
//! names in one step (`renameat2` with `RENAME_EXCHANGE`), so the output never goes missing;
//! elsewhere, and on file systems without exchange, the live folder is moved aside first and
//! is missing for the moment between two renames.

use std::path::Path;

/// Exchanges the names of `a` and `b`, both existing. `Ok(false)` when the system or file
/// system cannot; nothing has changed then.
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    #[cfg(test)]
    if tests::WITHOUT_EXCHANGE.with(std::cell::Cell::get) {
        return Ok(false);
    }
    exchange_names(a, b)
}

#[cfg(target_os = "linux")]
fn exchange_names(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange_names(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Puts the folder `new` at `live`, where a folder may be; the one that was there ends up at
/// `new`. `aside` is a free path beside them for the swap without exchange.
pub(super) fn swap(new: &Path, live: &Path, aside: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(live).is_err() {
        return std::fs::rename(new, live);
    }
    if exchange(new, live)? {
        return Ok(());
    }
    std::fs::rename(live, aside)?;
    if let Err(e) = std::fs::rename(new, live) {
        let _ = std::fs::rename(aside, live);
        return Err(e);
    }
    std::fs::rename(aside, new)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    thread_local! {
        /// Makes [`exchange`] answer that it cannot, on this thread: tests of the other way.
        pub(crate) static WITHOUT_EXCHANGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    fn folder_with(dir: &Path, text: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("index.html"), text).unwrap();
    }

    #[test]
    fn both_ways_leave_the_old_folder_where_the_new_one_was() {
        for without in [false, true] {
            WITHOUT_EXCHANGE.with(|w| w.set(without));
            let base = crate::output::tests::temp(&format!("swap-{without}"));
            let (new, live, aside) = (base.join("new"), base.join("live"), base.join("aside"));
            folder_with(&new, "first");
            swap(&new, &live, &aside).unwrap();
            assert!(!new.exists());
            folder_with(&new, "second");
            swap(&new, &live, &aside).unwrap();
            assert_eq!(std::fs::read(live.join("index.html")).unwrap(), b"second");
            assert_eq!(std::fs::read(new.join("index.html")).unwrap(), b"first");
            assert!(!aside.exists());
            let _ = std::fs::remove_dir_all(&base);
        }
        WITHOUT_EXCHANGE.with(|w| w.set(false));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_exchanges_in_one_step() {
        let base = crate::output::tests::temp("exchange");
        let (a, b) = (base.join("a"), base.join("b"));
        folder_with(&a, "a");
        std::fs::write(&b, "a file").unwrap();
        assert!(exchange(&a, &b).unwrap());
        assert_eq!(std::fs::read(b.join("index.html")).unwrap(), b"a");
        assert_eq!(std::fs::read(&a).unwrap(), b"a file");
        let _ = std::fs::remove_dir_all(&base);
    }
}
