//! Reading a folder of the theme or of the site's `static/`, file by file.

use std::path::Path;

use walkdir::WalkDir;

/// A file read from a folder, by `/`-separated path under that folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The site's `static/` folder, copied verbatim to the output root (hidden files too:
/// `.well-known/` is how hosts verify a domain).
pub fn read_static_dir(dir: &Path) -> Result<Vec<FolderFile>, String> {
    read_tree(dir, true)
}

/// Every file under `dir`, by `/`-separated relative path, in name order; nothing when `dir`
/// does not exist. Symlinks are followed.
pub fn read_tree(dir: &Path, include_hidden: bool) -> Result<Vec<FolderFile>, String> {
    if !dir.is_dir() {
        return Ok(vec![]);
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name();
    let shown = |e: &walkdir::DirEntry| {
        include_hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
    };
    for entry in walker.into_iter().filter_entry(shown) {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(entry.path())
            .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
        files.push(FolderFile { path: rel, bytes });
    }
    Ok(files)
}
