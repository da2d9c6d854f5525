//! Reading a folder of the theme or of the site's `static/`, file by file.

use std::path::Path;

use walkdir::WalkDir;

use super::inside::Site;

/// A file read from a folder, by `/`-separated path under that folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FolderFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why a folder could not be read; the path is relative to the site.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{0}: this link points back to a folder above it: remove it")]
    LinkLoop(String),
    #[error("cannot read {path}")]
    Walk {
        path: String,
        #[source]
        error: walkdir::Error,
    },
    /// A link that leads out of the site, or a path that cannot be resolved.
    #[error("{file}: {message}")]
    Outside { file: String, message: String },
    #[error("cannot read {path}")]
    Read {
        path: String,
        #[source]
        error: std::io::Error,
    },
}

/// The site's `static/` folder (of the site at `root`), copied verbatim to the output root
/// (hidden files too: `.well-known/` is how hosts verify a domain).
pub(super) fn read_static_dir(root: &Path) -> Result<Vec<FolderFile>, FolderError> {
    read_tree(root, "static", true)
}

/// Every file under `dir` (`/`-separated, under the site at `root`), by `/`-separated path
/// under `dir`, in name order; nothing when `dir` does not exist. Links are followed while
/// they stay in the site; one that leads out is the error.
pub(super) fn read_tree(
    root: &Path,
    dir: &str,
    include_hidden: bool,
) -> Result<Vec<FolderFile>, FolderError> {
    let site = Site::new(root);
    let top = root.join(dir);
    if !top.is_dir() {
        return Ok(vec![]);
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&top).follow_links(true).sort_by_file_name();
    let shown = |e: &walkdir::DirEntry| {
        include_hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
    };
    for entry in walker.into_iter().filter_entry(shown) {
        let entry = entry.map_err(|error| match error.loop_ancestor() {
            Some(_) => FolderError::LinkLoop(shown_path(root, error.path().unwrap_or(&top))),
            None => FolderError::Walk {
                path: shown_path(root, &top),
                error,
            },
        })?;
        let rel_to_root = shown_path(root, entry.path());
        if entry.path_is_symlink() || entry.depth() == 0 {
            site.check(entry.path(), &rel_to_root)
                .map_err(|d| FolderError::Outside {
                    file: crate::diagnostics::terminal_safe(&d.file).into_owned(),
                    message: d.message,
                })?;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&top).unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|error| FolderError::Read {
            path: rel_to_root,
            error,
        })?;
        files.push(FolderFile {
            path: slashed(rel),
            bytes,
        });
    }
    Ok(files)
}

fn shown_path(root: &Path, path: &Path) -> String {
    slashed(path.strip_prefix(root).unwrap_or(path))
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
