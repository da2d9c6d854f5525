//! The disk sink: a build is written to a temporary folder beside the target and swapped in
//! only when complete, so a failed build leaves the previous site exactly as it was; and we
//! never write into a folder that is not ours.

use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicU64, Ordering};

use super::{OutputFile, Sink};

/// Marks a folder as a statusgen output, so a later build may replace it.
pub const MARKER: &str = ".statusgen";

/// What was written, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// Replaces `out` with exactly `files`, atomically as far as the filesystem allows.
pub fn write_site(out: &Path, site_root: &Path, files: &[OutputFile]) -> Result<Written, String> {
    let staging = Staging::create(out, site_root)?;
    for file in files {
        staging.write(file)?;
    }
    staging.commit()
}

/// A new site being written beside its target folder, swapped in by [`Staging::commit`].
/// Dropped without a commit, it removes itself and the target stays as it was.
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
    paths: std::sync::Mutex<std::collections::HashSet<String>>,
    bytes: AtomicU64,
    committed: bool,
}

impl Staging {
    pub fn create(out: &Path, site_root: &Path) -> Result<Staging, String> {
        check_target(out, site_root)?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.statusgen-new-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            parent: parent.to_path_buf(),
            name,
            dir,
            paths: Default::default(),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// Writes one file; safe to call from several threads for different paths. A later
    /// file with the same path replaces the earlier one.
    pub fn write(&self, file: &OutputFile) -> Result<(), String> {
        let path = safe_join(&self.dir, &file.path)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &file.bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        if let Ok(mut paths) = self.paths.lock() {
            paths.insert(file.path.clone());
        }
        self.bytes
            .fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Marks the new site as ours and swaps it in place of the old one.
    pub fn commit(mut self) -> Result<Written, String> {
        let marker = "This folder was written by statusgen and is replaced by each build.\n";
        std::fs::write(self.dir.join(MARKER), marker)
            .map_err(|e| format!("cannot write the marker: {e}"))?;
        swap_in(&self.dir, &self.out, &self.parent, &self.name)?;
        self.committed = true;
        let files = self.paths.lock().map(|p| p.len()).unwrap_or_default();
        Ok(Written {
            files,
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, file: OutputFile) -> Result<(), String> {
        Staging::write(self, &file)
    }
}

fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), String> {
    let old = parent.join(format!(".{name}.statusgen-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&old);
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old)
            .map_err(|e| format!("cannot move the previous {} aside: {e}", out.display()))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(staging);
        return Err(format!(
            "cannot move the new site into {}: {e}",
            out.display()
        ));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Refuses folders that hold someone's files, and folders that hold the site itself.
pub fn check_target(out: &Path, site_root: &Path) -> Result<(), String> {
    let out_abs = absolute(out);
    let site_abs = absolute(site_root);
    if site_abs.starts_with(&out_abs) {
        return Err(format!(
            "refusing to write to {}: it contains the site itself; choose another folder with -o",
            out.display()
        ));
    }
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(format!(
            "refusing to write to {}: it is a file",
            out.display()
        ));
    }
    let empty = std::fs::read_dir(out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if empty || out.join(MARKER).is_file() {
        return Ok(());
    }
    Err(format!(
        "refusing to write to {}: it is not empty and not an earlier statusgen output (no {MARKER} file); \
         choose an empty or new folder with -o",
        out.display()
    ))
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Canonicalize what exists so `./public/..` and symlinks compare as the same folder.
    joined.canonicalize().unwrap_or_else(|_| {
        let mut clean = PathBuf::new();
        for part in joined.components() {
            match part {
                std::path::Component::ParentDir => {
                    clean.pop();
                }
                std::path::Component::CurDir => {}
                other => clean.push(other),
            }
        }
        clean
    })
}

/// A relative, `/`-separated path under `dir`; no `..`, no absolute paths.
fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf, String> {
    if rel.is_empty() || rel.starts_with('/') || rel.split('/').any(|p| p == ".." || p.is_empty()) {
        return Err(format!(
            "refusing to write outside the output folder: {rel:?}"
        ));
    }
    Ok(dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("statusgen-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_its_own_output_and_refuses_foreign_folders() {
        let base = temp("swap");
        let site = base.join("site");
        std::fs::create_dir_all(&site).unwrap();
        let out = base.join("public");
        write_site(
            &out,
            &site,
            &[OutputFile::new("a/index.html", b"one".to_vec())],
        )
        .unwrap();
        write_site(&out, &site, &[OutputFile::new("b.html", b"two".to_vec())]).unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"two");

        let foreign = base.join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        let err = write_site(&foreign, &site, &[OutputFile::new("x.html", vec![])]).unwrap_err();
        assert!(err.contains("not empty"), "{err}");
        assert_eq!(
            std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "mine"
        );

        let err = write_site(&base, &site, &[]).unwrap_err();
        assert!(err.contains("contains the site"), "{err}");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn paths_stay_inside() {
        let dir = Path::new("/tmp/x");
        assert!(safe_join(dir, "../etc/passwd").is_err());
        assert!(safe_join(dir, "/etc/passwd").is_err());
        assert!(safe_join(dir, "a//b").is_err());
        assert!(safe_join(dir, "incidents/a/index.html").is_ok());
    }
}
