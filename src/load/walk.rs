//! Finding and reading incident files safely: sorted, symlink loops skipped, links out of the
//! site refused, size-capped, UTF-8 checked.

use std::cell::RefCell;
use std::io::Read;
use std::path::Path;

use walkdir::WalkDir;

use super::inside::Site;
use crate::diagnostics::{Diagnostic, Pos, Report};

/// No status file needs more; a larger one is a mistake (a log pasted in) or an attack.
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

pub(super) const INCIDENTS_DIR: &str = "incidents";

/// Every `*.yaml`/`*.yml` under `incidents/`, relative to `root`, sorted.
pub(crate) fn incident_files(root: &Path) -> (Vec<String>, Report) {
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
    let site = Site::new(root);
    // Only links need resolving: what lies below a folder that passed is inside too.
    let refused = RefCell::new(Vec::new());
    let inside = |e: &walkdir::DirEntry| {
        let linked = e.path_is_symlink() || e.depth() == 0;
        match linked.then(|| site.check(e.path(), &relative(root, e.path()))) {
            Some(Err(diagnostic)) => {
                refused.borrow_mut().push(diagnostic);
                false
            }
            _ => true,
        }
    };
    let mut files = Vec::new();
    // Sorted once at the end: walkdir's own sorting compares paths, parsing each one again
    // for every comparison, which costs more than reading a folder of 10,000 files.
    let walker = WalkDir::new(&dir).follow_links(true);
    for entry in walker
        .into_iter()
        .filter_entry(|e| (e.depth() == 0 || !is_hidden(e.file_name())) && inside(e))
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_yaml_name(entry.file_name()) => {
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
    report.extend(refused.into_inner());
    sort_like_a_tree(&mut files);
    (files, report)
}

/// Folder by folder, names in byte order within each: the order of a walk sorted by file
/// name. Comparing names part by part is comparing the paths with `/` below every other byte.
fn sort_like_a_tree(files: &mut [String]) {
    crate::parallel::sort_by(files, |a, b| {
        let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        // A path that ends here (`None`) comes before its longer namesakes.
        let next = |path: &str| {
            let byte = path.as_bytes().get(common).copied();
            byte.map(|c| if c == b'/' { 0 } else { c })
        };
        next(a).cmp(&next(b))
    });
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// `.yaml` or `.yml`, in any case: `x.YAML` is as much a YAML file as `x.yaml`.
pub(crate) fn is_yaml(path: &Path) -> bool {
    path.file_name().is_some_and(is_yaml_name)
}

/// [`is_yaml`] of a file name, read as [`Path::extension`] reads it: after the last dot,
/// unless that dot starts the name. By bytes, so a name that is not UTF-8 is told the same.
fn is_yaml_name(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.iter().rposition(|&b| b == b'.').is_some_and(|dot| {
        let extension = &name[dot + 1..];
        dot > 0
            && (extension.eq_ignore_ascii_case(b"yaml") || extension.eq_ignore_ascii_case(b"yml"))
    })
}

/// The file name without its `.yaml`/`.yml`, in any case; `None` for other names.
pub(crate) fn yaml_stem(name: &str) -> Option<&str> {
    let (stem, _) = name.rsplit_once('.')?;
    is_yaml(Path::new(name)).then_some(stem)
}

fn relative(root: &Path, path: &Path) -> String {
    if let Some(rel) = plain_relative(root, path) {
        return rel.to_string();
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The common case of [`relative`] without parsing either path into components: `path`
/// is `root`, a `/`, then plain names (no `.`, `..` or empty ones), as a walk of `root` makes
/// them; `None` for anything else, which the general way handles.
fn plain_relative<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    if std::path::MAIN_SEPARATOR != '/' {
        return None;
    }
    let (root, path) = (root.to_str()?, path.to_str()?);
    let rest = path.strip_prefix(root)?;
    let rel = match rest.strip_prefix('/') {
        Some(rel) => rel,
        None if root.ends_with('/') => rest,
        None => return None,
    };
    let plain = rel
        .split('/')
        .all(|name| !name.is_empty() && name != "." && name != "..");
    plain.then_some(rel)
}

/// The file's text, or a located reason it cannot be read as one. `file` is a file of the
/// walk or one at the top of the site: a link is followed only when it stays in the site.
pub(crate) fn read_text(root: &Path, file: &str) -> Result<String, Diagnostic> {
    let path = root.join(file);
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        Site::new(root).check(&path, file)?;
    }
    read_checked(&path, file)
}

/// [`read_text`] for a file that [`incident_files`] found: the walk has checked its links
/// already, so the file is not asked about them again. A name with U+FFFD may stand for a
/// name that is not UTF-8, and so for another file than the one checked: that one is.
pub(crate) fn read_walked(root: &Path, file: &str) -> Result<String, Diagnostic> {
    if file.contains(char::REPLACEMENT_CHARACTER) {
        return read_text(root, file);
    }
    read_checked(&root.join(file), file)
}

/// The text at `path`, a file whose links lead inside the site.
fn read_checked(path: &Path, file: &str) -> Result<String, Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(file, Pos::default(), format!("cannot read: {e}"))
            .with_hint("check that the file exists and is readable")
    };
    // Reading at most one byte over the limit checks the size with no call beside the read.
    let mut bytes = Vec::with_capacity(8 * 1024);
    std::fs::File::open(path)
        .and_then(|handle| handle.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(too_large(file, size));
    }
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

/// `file`, of `size` bytes, is over [`MAX_FILE_BYTES`]: as a file read from the disk, or as
/// the text an edit would write.
pub(crate) fn too_large(file: &str, size: u64) -> Diagnostic {
    Diagnostic::error(
        file,
        Pos::default(),
        format!(
            "file is {:.1} MiB, over the {} MiB limit",
            size as f64 / 1024.0 / 1024.0,
            MAX_FILE_BYTES / 1024 / 1024
        ),
    )
    .with_hint("an incident file is a few kilobytes: move logs and data out of it")
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The list is in the order a walk sorted by file name gives, nested folders included.
    #[test]
    fn files_come_in_sorted_walk_order() {
        let root = std::env::temp_dir().join(format!("statusgen-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let names = [
            "b.yaml",
            "a/x.yaml",
            "a/z/y.yml",
            "a/w.yaml",
            "a-b.yaml",
            "a.yaml",
            "a b.yaml",
            "a!.yaml",
            "ab.yaml",
            "A.yaml",
            "2024/10-fire.yaml",
            "2024/9-fire.yaml",
            "2024-old.yaml",
            "é.yaml",
        ];
        for name in names {
            let path = root.join(INCIDENTS_DIR).join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "title: x\n").unwrap();
        }
        let (files, report) = incident_files(&root);
        assert!(report.diagnostics.is_empty());
        let walked: Vec<String> = WalkDir::new(root.join(INCIDENTS_DIR))
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| relative(&root, e.path()))
            .collect();
        assert_eq!(files.len(), names.len());
        assert_eq!(files, walked);
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn plain_paths_are_made_relative_as_by_their_components() {
        let by_components = |root: &str, path: &str| {
            let (root, path) = (Path::new(root), Path::new(path));
            let rel = path.strip_prefix(root).unwrap_or(path);
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        };
        let cases = [
            (".", "./incidents/a.yaml"),
            ("site", "site/incidents/2024/a.yaml"),
            ("site/", "site/incidents/a.yaml"),
            ("/", "/incidents/a.yaml"),
            ("/tmp/s", "/tmp/s/incidents/a b.yaml"),
            ("site/.", "site/./incidents/a.yaml"),
            ("site", "site/incidents/./a.yaml"),
            ("site", "site/incidents//a.yaml"),
            ("site", "site/incidents/../a.yaml"),
            ("site", "siteb/incidents/a.yaml"),
            ("site", "other/incidents/a.yaml"),
        ];
        for (root, path) in cases {
            assert_eq!(
                relative(Path::new(root), Path::new(path)),
                by_components(root, path),
                "{root} + {path}"
            );
        }
        assert_eq!(
            plain_relative(Path::new("site"), Path::new("site/incidents/a.yaml")),
            Some("incidents/a.yaml")
        );
        assert_eq!(
            plain_relative(Path::new("site"), Path::new("site/incidents/./a.yaml")),
            None
        );
    }

    #[test]
    fn yaml_names_are_told_as_by_their_extension() {
        for name in [
            "a.yaml",
            "a.YML",
            "a.Yaml",
            ".yaml",
            "..yaml",
            "a.yaml.bak",
            "a",
            "a.",
            "..",
            ".",
            "a.b.yml",
            "yaml",
            "a.yamll",
        ] {
            let by_extension = Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
            assert_eq!(is_yaml(Path::new(name)), by_extension, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_told_by_their_extension_too() {
        use std::os::unix::ffi::OsStrExt;
        for (bytes, yaml) in [
            (&b"\xff.yaml"[..], true),
            (b"a\xff.YML", true),
            (b"a.\xffyaml", false),
            (b"\xff", false),
        ] {
            let name = std::ffi::OsStr::from_bytes(bytes);
            assert_eq!(is_yaml_name(name), yaml, "{name:?}");
            let by_extension = Path::new(name).extension().is_some_and(|e| {
                e.as_encoded_bytes().eq_ignore_ascii_case(b"yaml")
                    || e.as_encoded_bytes().eq_ignore_ascii_case(b"yml")
            });
            assert_eq!(by_extension, yaml, "{name:?}");
        }
    }
}
