//! Which folder a build replaces, and whether it may: the target of `-o` after its symbolic
//! links, refused when it holds someone's files or the site itself.

use std::path::{Component, Path, PathBuf};

use super::{KEPT, MARKER, OutputError};

/// The folder `out` stands for: `out` itself, or where its symbolic links lead. The new site
/// is swapped in there, so a link keeps pointing at the current build.
pub(super) fn resolve(out: &Path) -> Result<PathBuf, OutputError> {
    // Without a trailing `/` (which would follow a link) and with a name of its own.
    let mut path: PathBuf = if out.file_name().is_some() {
        out.components().collect()
    } else {
        absolute(out)
    };
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)
                    .map_err(OutputError::io("read the symbolic link", &path))?;
                let from = path.parent().unwrap_or(Path::new(""));
                path = from.join(link).components().collect();
                if path.file_name().is_none() {
                    path = absolute(&path);
                }
            }
            _ => return Ok(path),
        }
    }
    Err(OutputError::LinkLoop(out.to_path_buf()))
}

/// Refuses folders that hold someone's files, and folders that hold the site itself.
pub(crate) fn check_target(out: &Path, site_root: &Path) -> Result<(), OutputError> {
    let target = resolve(out)?;
    if absolute(site_root).starts_with(absolute(&target)) {
        return Err(OutputError::ContainsSite(out.to_path_buf()));
    }
    let Ok(meta) = std::fs::metadata(&target) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(OutputError::NotAFolder(out.to_path_buf()));
    }
    if target.join(MARKER).is_file() || holds_only_kept(&target) {
        return Ok(());
    }
    Err(OutputError::NotOurs(out.to_path_buf()))
}

/// Empty, or holding only what a build keeps (a `.git` of a worktree made for the output).
fn holds_only_kept(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .map(|entry| entry.map(|e| e.file_name()))
            .all(|name| name.is_ok_and(|name| name == KEPT))
    })
}

pub(crate) fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Canonicalize what exists so `./public/..` and symlinks compare as the same folder.
    joined.canonicalize().unwrap_or_else(|_| {
        let mut clean = PathBuf::new();
        for part in joined.components() {
            match part {
                Component::ParentDir => {
                    clean.pop();
                }
                Component::CurDir => {}
                other => clean.push(other),
            }
        }
        clean
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_to_the_folder_they_name() {
        let base = crate::output::tests::temp("resolve");
        std::fs::create_dir_all(base.join("real")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("real", base.join("link")).unwrap();
            std::os::unix::fs::symlink("link", base.join("chain")).unwrap();
            std::os::unix::fs::symlink("loop", base.join("loop")).unwrap();
            std::os::unix::fs::symlink(base.join("later"), base.join("dangling")).unwrap();
            assert_eq!(resolve(&base.join("link")).unwrap(), base.join("real"));
            assert_eq!(resolve(&base.join("chain/")).unwrap(), base.join("real"));
            assert_eq!(resolve(&base.join("dangling")).unwrap(), base.join("later"));
            let err = resolve(&base.join("loop")).unwrap_err().to_string();
            assert!(err.contains("in a loop"), "{err}");
        }
        assert_eq!(resolve(&base.join("real")).unwrap(), base.join("real"));
        assert_eq!(resolve(Path::new("public/")).unwrap(), Path::new("public"));
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn a_folder_holding_only_a_git_worktree_counts_as_empty() {
        let base = crate::output::tests::temp("only-kept");
        let site = base.join("site");
        std::fs::create_dir_all(&site).unwrap();
        let out = base.join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(".git"), "gitdir: elsewhere\n").unwrap();
        check_target(&out, &site).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = check_target(&out, &site).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)), "{err}");
        let _ = std::fs::remove_dir_all(&base);
    }
}
