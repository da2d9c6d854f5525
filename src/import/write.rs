//! Writing the planned files into the site: new files are created only if they do not exist,
//! replaced files are swapped in whole (written beside, then renamed), so a file is never
//! left half written.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;

use super::ImportError;
use super::plan::PlannedFile;
use crate::parallel;

pub(crate) fn write(root: &Path, files: &[PlannedFile]) -> Result<(), ImportError> {
    // The few folders first, then the files on every core: creating ten thousand files is
    // most of an import's system time.
    let folders: BTreeSet<&Path> = files
        .iter()
        .filter_map(|file| Path::new(&file.path).parent())
        .collect();
    for folder in folders {
        let path = root.join(folder);
        std::fs::create_dir_all(&path).map_err(|source| ImportError::Write { path, source })?;
    }
    parallel::map(files, |file| write_one(root, file))
        .into_iter()
        .collect()
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
}
