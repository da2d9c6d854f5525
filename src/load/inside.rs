//! Whether a path of the site stays in the site's folder once its links are followed. A link
//! is fine while it points inside; one that leads out (`static/env.txt ->
//! /proc/self/environ`) would publish, or echo in a message, a file the site does not own, so
//! every reader asks here first.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Pos};

/// The site's folder with its links resolved, to compare resolved paths against.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    real: Option<PathBuf>,
}

impl Site {
    pub(crate) fn new(root: &Path) -> Site {
        Site {
            real: root.canonicalize().ok(),
        }
    }

    /// `Ok` when `path` (`file` relative to the site, for the message) resolves inside the
    /// site or does not exist (the read that follows says so); an error naming where it
    /// points otherwise, or when its links go round in a loop.
    pub(crate) fn check(&self, path: &Path, file: &str) -> Result<(), Diagnostic> {
        match path.canonicalize() {
            Ok(real) if self.real.as_ref().is_none_or(|root| real.starts_with(root)) => Ok(()),
            Ok(real) => Err(outside(file, &real)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) if e.raw_os_error() == Some(ELOOP) => Err(looping(file)),
            Err(e) => Err(
                Diagnostic::error(file, Pos::default(), format!("cannot read: {e}"))
                    .with_hint("check the permissions of this path"),
            ),
        }
    }

    /// [`Site::check`] for `rel`, a `/`-separated path under the site's folder `root`, as the
    /// tests name paths.
    #[cfg(test)]
    pub(crate) fn check_rel(&self, root: &Path, rel: &str) -> Result<(), Diagnostic> {
        self.check(&root.join(rel), rel)
    }
}

/// `ELOOP` on Linux and the BSDs alike: too many levels of symbolic links.
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

fn outside(file: &str, real: &Path) -> Diagnostic {
    Diagnostic::error(
        file,
        Pos::default(),
        format!(
            "this link leads out of the site: it points to {}",
            real.display()
        ),
    )
    .with_hint(
        "a site publishes only its own files: copy the file into the site folder, or make the link point inside it",
    )
}

fn looping(file: &str) -> Diagnostic {
    Diagnostic::error(file, Pos::default(), "this link goes round in a loop")
        .with_hint("the links point at each other and never reach a file: remove one of them")
}

/// Every link under the folders `dirs` of the site at `root` that leads out of it, found
/// without reading a file: so that `check` refuses what `build` would, theme and `static/`
/// included. Links are not followed; each is resolved on its own.
pub(crate) fn links_out(root: &Path, dirs: &[&str]) -> Vec<Diagnostic> {
    let site = Site::new(root);
    let mut out = Vec::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if entry.depth() == 0 || entry.path_is_symlink() {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.extend(site.check(entry.path(), &rel).err());
            }
        }
    }
    out
}

/// The text of `file` of the site at `root`, to quote its lines in a message: nothing when
/// it cannot be read or leads out of the site.
pub(crate) fn source_text(root: &Path, file: &str) -> Option<String> {
    let path = root.join(file);
    Site::new(root).check(&path, file).ok()?;
    let bytes = std::fs::read(path).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn scratch(label: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("statusgen-inside-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("site/static")).unwrap();
        dir
    }

    #[test]
    fn links_inside_pass_and_links_outside_are_named_with_their_target() {
        let dir = scratch("links");
        let root = dir.join("site");
        std::fs::write(root.join("status.yaml"), "title: x\n").unwrap();
        std::fs::write(dir.join("secret.txt"), "secret\n").unwrap();
        symlink("../status.yaml", root.join("static/copy.yaml")).unwrap();
        symlink(dir.join("secret.txt"), root.join("static/secret.txt")).unwrap();
        let site = Site::new(&root);
        assert!(site.check_rel(&root, "static/copy.yaml").is_ok());
        assert!(site.check_rel(&root, "status.yaml").is_ok());
        assert!(site.check_rel(&root, "static/missing.txt").is_ok());
        let d = site.check_rel(&root, "static/secret.txt").unwrap_err();
        assert_eq!(d.file, "static/secret.txt");
        assert!(d.message.contains("leads out of the site"), "{}", d.message);
        assert!(d.message.ends_with("secret.txt"), "{}", d.message);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn links_out_of_static_and_themes_are_found_without_reading_them() {
        let dir = scratch("scan");
        let root = dir.join("site");
        std::fs::create_dir_all(root.join("themes/mine/i18n")).unwrap();
        std::fs::write(root.join("static/logo.svg"), "<svg/>").unwrap();
        symlink("logo.svg", root.join("static/same.svg")).unwrap();
        symlink("/etc/passwd", root.join("static/passwd.txt")).unwrap();
        symlink("/etc", root.join("themes/mine/i18n/fr.yaml")).unwrap();
        let found = links_out(&root, &["static", "themes", "missing"]);
        let files: Vec<&str> = found.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(files, ["static/passwd.txt", "themes/mine/i18n/fr.yaml"]);
        assert!(source_text(&root, "static/passwd.txt").is_none());
        assert_eq!(
            source_text(&root, "static/same.svg").as_deref(),
            Some("<svg/>")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_loop_is_an_error_not_a_hang() {
        let dir = scratch("loop");
        let root = dir.join("site");
        symlink("b.txt", root.join("static/a.txt")).unwrap();
        symlink("a.txt", root.join("static/b.txt")).unwrap();
        let d = Site::new(&root)
            .check_rel(&root, "static/a.txt")
            .unwrap_err();
        assert!(d.message.contains("loop"), "{}", d.message);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
