//! Finding and reading incident files safely: sorted, symlink loops skipped, size-capped,
//! UTF-8 checked.

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Pos, Report};

/// No status file needs more; a larger one is a mistake (a log pasted in) or an attack.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

pub const INCIDENTS_DIR: &str = "incidents";

/// Every `*.yaml`/`*.yml` under `incidents/`, relative to `root`, sorted.
pub fn incident_files(root: &Path) -> (Vec<String>, Report) {
    let mut report = Report::default();
    let dir = root.join(INCIDENTS_DIR);
    if !dir.is_dir() {
        report.push(
            Diagnostic::error(
                &format!("{INCIDENTS_DIR}/"),
                Pos::default(),
                "the site has no incidents/ folder",
            )
            .with_hint(format!(
                "is {} the site? Create incidents/ there, or start a site with `statusgen init`",
                root.display()
            )),
        );
        return (vec![], report);
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&dir).follow_links(true).sort_by_file_name();
    for entry in walker
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_yaml(entry.path()) => {
                files.push(relative(root, entry.path()));
            }
            Ok(_) => {}
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| INCIDENTS_DIR.into());
                let diagnostic = if error.loop_ancestor().is_some() {
                    Diagnostic::warning(&path, Pos::default(), "skipped: this link points back to a folder above it")
                        .with_hint("a symlink loop under incidents/ is read once; remove the link to silence this")
                } else {
                    Diagnostic::error(&path, Pos::default(), format!("cannot read: {error}"))
                        .with_hint("check the permissions of this path")
                };
                report.push(diagnostic);
            }
        }
    }
    (files, report)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The file's text, or a located reason it cannot be read as one.
pub fn read_text(root: &Path, file: &str) -> Result<String, Diagnostic> {
    let path = root.join(file);
    let cannot = |e: std::io::Error| {
        Diagnostic::error(file, Pos::default(), format!("cannot read: {e}"))
            .with_hint("check that the file exists and is readable")
    };
    let size = std::fs::metadata(&path).map_err(cannot)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            file,
            Pos::default(),
            format!(
                "file is {:.1} MiB, over the {} MiB limit",
                size as f64 / 1024.0 / 1024.0,
                MAX_FILE_BYTES / 1024 / 1024
            ),
        )
        .with_hint("an incident file is a few kilobytes: move logs and data out of it"));
    }
    let bytes = std::fs::read(&path).map_err(cannot)?;
    let text =
        String::from_utf8(bytes).map_err(|e| not_utf8(file, e.as_bytes(), e.utf8_error()))?;
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(file, Pos::new(1, 1, 1), "the file is empty")
                .with_hint("write the incident (title, started, services) or delete the file"),
        );
    }
    Ok(text)
}

fn not_utf8(file: &str, bytes: &[u8], error: std::str::Utf8Error) -> Diagnostic {
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|b| **b == b'\n').count() as u32 + 1;
    let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count() as u32
        + 1;
    Diagnostic::error(file, Pos::new(line, col, 1), "the file is not UTF-8")
        .with_hint("save it as UTF-8 (most editors: \"Save with encoding\")")
}
