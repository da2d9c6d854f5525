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

/// The site's `static/` folder (of the site at `root`), copied verbatim to the output root
/// (hidden files too: `.well-known/` is how hosts verify a domain).
pub(super) fn read_static_dir(root: &Path) -> Result<Vec<FolderFile>, String> {
    read_tree(root, "static", true)
}

/// Every file under `dir` (`/`-separated, under the site at `root`), by `/`-separated path
/// under `dir`, in name order; nothing when `dir` does not exist. Links are followed while
/// they stay in the site; one that leads out is the error.
pub(super) fn read_tree(
    root: &Path,
    dir: &str,
    include_hidden: bool,
) -> Result<Vec<FolderFile>, String> {
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
        let entry = entry.map_err(|e| match e.loop_ancestor() {
            Some(_) => format!(
                "{}: this link points back to a folder above it: remove it",
                shown_path(root, e.path().unwrap_or(&top))
            ),
            None => format!("cannot read {}: {e}", shown_path(root, &top)),
        })?;
        let rel_to_root = shown_path(root, entry.path());
        if entry.path_is_symlink() || entry.depth() == 0 {
            site.check(entry.path(), &rel_to_root).map_err(|d| {
                format!(
                    "{}: {}",
                    crate::diagnostics::terminal_safe(&d.file),
                    d.message
                )
            })?;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&top).unwrap_or(entry.path());
        let bytes =
            std::fs::read(entry.path()).map_err(|e| format!("cannot read {rel_to_root}: {e}"))?;
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
