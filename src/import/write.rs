//! Writing the planned files into the site: new files are created only if they do not exist,
//! replaced files are swapped in whole (written beside, then renamed), so a file is never
//! left half written.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::ImportError;
use super::plan::PlannedFile;
use crate::parallel;

pub(crate) fn write(root: &Path, files: &[PlannedFile]) -> Result<(), ImportError> {
    // The site's settings first, alone: incidents must not be written for services that a
    // failed `status.yaml` would not declare.
    let (settings, incidents): (Vec<&PlannedFile>, Vec<&PlannedFile>) = files
        .iter()
        .partition(|file| !file.path.starts_with("incidents/"));
    for file in settings {
        create_folders(root, [file])?;
        write_one(root, file)?;
    }
    // Then the few folders, and the files on every core: creating ten thousand files is most
    // of an import's system time. The first failure stops the files not yet begun.
    create_folders(root, incidents.iter().copied())?;
    let failed = AtomicBool::new(false);
    parallel::map(&incidents, |file| {
        if failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let written = write_one(root, file);
        if written.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        written
    })
    .into_iter()
    .collect()
}

/// The folders the files go in (the site's root too, for a new site).
fn create_folders<'f>(
    root: &Path,
    files: impl IntoIterator<Item = &'f PlannedFile>,
) -> Result<(), ImportError> {
    let folders: BTreeSet<&Path> = files
        .into_iter()
        .filter_map(|file| Path::new(&file.path).parent())
        .collect();
    for folder in folders {
        let path = root.join(folder);
        std::fs::create_dir_all(&path).map_err(|source| ImportError::Write { path, source })?;
    }
    Ok(())
}

fn write_one(root: &Path, file: &PlannedFile) -> Result<(), ImportError> {
    let path = root.join(&file.path);
    if file.replaces {
        return replace(&path, file.text.as_bytes()).map_err(|source| ImportError::Write {
            path: path.clone(),
            source,
        });
    }
    create(&path, file.text.as_bytes()).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => ImportError::AppearedMeanwhile(path.clone()),
        _ => ImportError::Write {
            path: path.clone(),
            source,
        },
    })
}

fn create(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}

/// Written to a hidden file beside it (the site's reader skips hidden files), then renamed
/// over it.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = path.with_file_name(format!(".{name}.import"));
    let written = std::fs::write(&staging, bytes).and_then(|()| std::fs::rename(&staging, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&staging);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_new_files_and_replaces_whole_ones_only_when_asked() {
        let root =
            std::env::temp_dir().join(format!("statusgen-import-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let new = PlannedFile {
            path: "incidents/2024/a.yaml".into(),
            text: "one".into(),
            replaces: false,
        };
        write(&root, std::slice::from_ref(&new)).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join(&new.path)).unwrap(),
            "one"
        );
        let error = write(&root, std::slice::from_ref(&new)).unwrap_err();
        assert!(
            matches!(&error, ImportError::AppearedMeanwhile(p) if *p == root.join(&new.path)),
            "{error}"
        );
        let again = PlannedFile {
            text: "two".into(),
            replaces: true,
            ..new.clone()
        };
        write(&root, &[again]).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join(&new.path)).unwrap(),
            "two"
        );
        let left: Vec<_> = std::fs::read_dir(root.join("incidents/2024"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn no_incident_is_written_when_the_settings_fail() {
        let root = std::env::temp_dir().join(format!(
            "statusgen-import-settings-first-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("status.yaml"), "title: mine\n").unwrap();
        let file = |path: &str| PlannedFile {
            path: path.into(),
            text: "text".into(),
            replaces: false,
        };
        let files = [
            file("status.yaml"),
            file("incidents/2024/a.yaml"),
            file("incidents/2024/b.yaml"),
        ];
        let error = write(&root, &files).unwrap_err();
        assert!(
            matches!(&error, ImportError::AppearedMeanwhile(p) if p.ends_with("status.yaml")),
            "{error}"
        );
        assert!(!root.join("incidents").exists());
        assert_eq!(
            std::fs::read_to_string(root.join("status.yaml")).unwrap(),
            "title: mine\n"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
