//! Replacing an incident file atomically: a temporary file beside it, then a rename, so the
//! file is always either the old text or the new one.

use std::io::Write as _;
use std::path::Path;

use crate::cli::{Failure, Outcome};

/// Writes `new` over `path`, which must still hold `old`. A symbolic link stays one: its
/// target is replaced.
pub(super) fn atomic(path: &Path, old: &str, new: &str) -> Outcome {
    let failed =
        |e: std::io::Error| Failure::Failed(format!("cannot write {}: {e}", path.display()));
    let path = &path.canonicalize().map_err(failed)?;
    let current = std::fs::read(path).map_err(failed)?;
    if current != old.as_bytes() {
        return Err(Failure::Failed(format!(
            "{} changed while it was being edited: nothing was written; run the command again",
            path.display()
        )));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.statusgen-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(new.as_bytes())?;
        file.sync_all()?;
        let permissions = std::fs::metadata(path)?.permissions();
        std::fs::set_permissions(&temp, permissions)?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_what_was_read() {
        let dir = std::env::temp_dir().join(format!("statusgen-write-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.yaml");
        std::fs::write(&path, "old\n").unwrap();
        atomic(&path, "old\n", "new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        assert!(atomic(&path, "old\n", "newer\n").is_err());
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
}
