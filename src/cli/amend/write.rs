//! Replacing an incident file atomically: a temporary file beside it, then a rename, so the
//! file is always either the old text or the new one.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Write as _;
use std::path::Path;

use crate::cli::{Failure, Outcome};

/// Writes `new` over `path`, which must still hold `old`. A symbolic link stays one: its
/// target is replaced. The file keeps its permissions (and its owner, where allowed).
///
/// The temporary file has a fixed name, `.NAME.statusgen`, so it is also a lock: of two
/// statusgen editing one file at once, the second stops instead of writing over the first.
pub(super) fn atomic(path: &Path, old: &str, new: &str) -> Outcome {
    let target = &path.canonicalize().map_err(|e| io_failure(path, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.statusgen"));
    // Said beside the path as given, unless that is a link to a file elsewhere.
    let temp_shown = if path.is_symlink() {
        temp.clone()
    } else {
        path.with_file_name(temp.file_name().unwrap_or_default())
    };
    let mut file = match OpenOptions::new().write(true).create_new(true).open(&temp) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Failure::Failed(format!(
                "{} is being edited by another statusgen ({} exists): nothing was written; run the command again when it is done, or delete that file if no statusgen is running",
                path.display(),
                temp_shown.display()
            )));
        }
        Err(e) => return Err(io_failure(path, e)),
    };
    let result = replace(&mut file, &temp, (path, target), old, new);
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// `path` as given (for messages) and the `target` it names.
fn replace(file: &mut File, temp: &Path, paths: (&Path, &Path), old: &str, new: &str) -> Outcome {
    let (path, target) = paths;
    let io = |e| io_failure(path, e);
    file.write_all(new.as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    let metadata = std::fs::metadata(target).map_err(io)?;
    std::fs::set_permissions(temp, metadata.permissions()).map_err(io)?;
    keep_owner(temp, &metadata);
    // Compared last, while holding the lock: an edit made since the file was read (by hand,
    // or by a statusgen that finished meanwhile) is never written over.
    if std::fs::read(target).map_err(io)? != old.as_bytes() {
        return Err(Failure::Failed(format!(
            "{} changed while it was being edited: nothing was written; run the command again",
            path.display()
        )));
    }
    std::fs::rename(temp, target).map_err(io)?;
    sync_folder(target);
    Ok(())
}

fn io_failure(path: &Path, e: std::io::Error) -> Failure {
    Failure::Failed(format!("cannot write {}: {e}", path.display()))
}

/// The temporary file takes the owner of the file it replaces. Only root may give a file
/// away; for anyone else this fails, and the file becomes theirs as any editor's save does.
#[cfg(unix)]
fn keep_owner(temp: &Path, metadata: &Metadata) {
    use std::os::unix::fs::MetadataExt as _;
    let _ = std::os::unix::fs::chown(temp, Some(metadata.uid()), Some(metadata.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_temp: &Path, _metadata: &Metadata) {}

/// The rename itself reaches the disk with the folder's entry; where a folder cannot be
/// opened (Windows) the rename is already durable.
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent()
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(label: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("statusgen-write-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn failure(outcome: Outcome) -> String {
        match outcome {
            Err(Failure::Failed(message)) => message,
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn replaces_only_what_was_read() {
        let dir = scratch("replace");
        let path = dir.join("a.yaml");
        std::fs::write(&path, "old\n").unwrap();
        atomic(&path, "old\n", "new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        assert!(failure(atomic(&path, "old\n", "newer\n")).contains("changed while"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        let leftovers = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(leftovers, 1);
        #[cfg(unix)]
        {
            let link = dir.join("link.yaml");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            atomic(&link, "new\n", "newest\n").unwrap();
            assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "newest\n");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_second_writer_stops_at_the_lock() {
        let dir = scratch("lock");
        let path = dir.join("a.yaml");
        std::fs::write(&path, "old\n").unwrap();
        std::fs::write(dir.join(".a.yaml.statusgen"), "half-written").unwrap();
        let message = failure(atomic(&path, "old\n", "new\n"));
        assert!(
            message.contains("being edited by another statusgen"),
            "{message}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        // The other writer's file is theirs: left as it was.
        let lock = std::fs::read_to_string(dir.join(".a.yaml.statusgen")).unwrap();
        assert_eq!(lock, "half-written");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_stay() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = scratch("mode");
        let path = dir.join("a.yaml");
        std::fs::write(&path, "old\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        atomic(&path, "old\n", "new\n").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
