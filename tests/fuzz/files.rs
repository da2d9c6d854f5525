//! Sites as the mutations see them, in memory, and the folders the runs read and write.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A file of a site, by its path relative to the site's root.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    File(Vec<u8>),
    /// A symbolic link, to this target as written (relative to the link's folder).
    Link(String),
}

/// A site to mutate: its files, and files beside it that links may point to.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Site {
    pub files: BTreeMap<String, Node>,
    /// Files outside the site, under `outside/` next to it; they hold [`SECRET`].
    pub outside: BTreeMap<String, Vec<u8>>,
}

/// Written in every file outside the site: a build that publishes it leaked.
pub(crate) const SECRET: &str = "outside-the-site-3f9c1e";

impl Site {
    /// Reads `root`'s `status.yaml`, `incidents/`, `static/` and, with `themes`, `themes/`:
    /// not the rest of the repository when the root is the repository itself, nor its copy
    /// of the built-in theme, whose many files would draw most mutations.
    pub(crate) fn read(root: &Path, themes: bool) -> Site {
        let mut site = Site::default();
        let tops: &[&str] = if themes {
            &["status.yaml", "incidents", "static", "themes"]
        } else {
            &["status.yaml", "incidents", "static"]
        };
        for top in tops {
            read_into(&mut site.files, root, &root.join(top));
        }
        site
    }

    /// Paths of regular files, for the text mutations.
    pub(crate) fn texts(&self) -> Vec<String> {
        (self.files.iter())
            .filter(|(_, node)| matches!(node, Node::File(_)))
            .map(|(path, _)| path.clone())
            .collect()
    }

    pub(crate) fn text_mut(&mut self, path: &str) -> &mut Vec<u8> {
        match self.files.get_mut(path) {
            Some(Node::File(bytes)) => bytes,
            _ => panic!("{path} is not a file of the site"),
        }
    }

    /// Writes the site to `dir/site` and the outside files to `dir/outside`.
    pub(crate) fn write(&self, dir: &Path) {
        let _ = fs::remove_dir_all(dir);
        let root = dir.join("site");
        fs::create_dir_all(&root).expect("cannot create the case's folder");
        for (path, node) in &self.files {
            let at = root.join(path);
            // A mutation may have made a file where another needs a folder: the later one
            // is skipped, as a user could not have both either.
            if at.parent().is_none_or(|p| fs::create_dir_all(p).is_err()) {
                continue;
            }
            let _ = match node {
                Node::File(bytes) => fs::write(&at, bytes),
                Node::Link(target) => std::os::unix::fs::symlink(target, &at),
            };
        }
        for (name, bytes) in &self.outside {
            let at = dir.join("outside").join(name);
            fs::create_dir_all(at.parent().expect("outside files are in a folder"))
                .expect("cannot create the outside folder");
            fs::write(at, bytes).expect("cannot write an outside file");
        }
    }
}

fn read_into(files: &mut BTreeMap<String, Node>, root: &Path, path: &Path) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    let relative = || {
        let rel = path.strip_prefix(root).expect("under the root");
        rel.to_string_lossy().replace('\\', "/")
    };
    if meta.file_type().is_symlink() {
        let target = fs::read_link(path).expect("cannot read a link");
        files.insert(relative(), Node::Link(target.to_string_lossy().into()));
    } else if meta.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(path)
            .expect("cannot list a fixture folder")
            .map(|e| e.expect("cannot list a fixture folder").path())
            .collect();
        entries.sort();
        for entry in entries {
            read_into(files, root, &entry);
        }
    } else {
        files.insert(relative(), Node::File(fs::read(path).expect("cannot read")));
    }
}

/// What a folder holds, to compare before and after a run: files with their bytes, links
/// with their targets, folders.
pub(crate) type Tree = BTreeMap<PathBuf, Entry>;

#[derive(Debug, PartialEq)]
pub(crate) enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

/// `dir`'s tree, without following links; empty when `dir` does not exist.
pub(crate) fn tree(dir: &Path) -> Tree {
    let mut tree = Tree::new();
    walk(dir, dir, &mut tree);
    tree
}

fn walk(root: &Path, dir: &Path, tree: &mut Tree) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .expect("under the root")
            .to_path_buf();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            tree.insert(rel, Entry::Link(fs::read_link(&path).unwrap_or_default()));
        } else if kind.is_dir() {
            tree.insert(rel, Entry::Dir);
            walk(root, &path, tree);
        } else {
            tree.insert(rel, Entry::File(fs::read(&path).unwrap_or_default()));
        }
    }
}

/// The first difference between two trees, said in a line.
pub(crate) fn difference(before: &Tree, after: &Tree) -> Option<String> {
    for (path, entry) in before {
        match after.get(path) {
            None => return Some(format!("{} was removed", path.display())),
            Some(other) if other != entry => {
                return Some(format!("{} changed", path.display()));
            }
            Some(_) => {}
        }
    }
    let added = after.keys().find(|path| !before.contains_key(*path))?;
    Some(format!("{} was added", added.display()))
}

/// Copies a folder, links as links: a failing case is kept this way.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for (rel, entry) in tree(from) {
        let at = to.join(rel);
        let _ = fs::create_dir_all(at.parent().expect("in a folder"));
        let _ = match entry {
            Entry::Dir => fs::create_dir_all(&at),
            Entry::File(bytes) => fs::write(&at, bytes),
            Entry::Link(target) => std::os::unix::fs::symlink(target, &at),
        };
    }
}

/// How many incident files `check` must count in the site at `root`: files under
/// `incidents/` named `*.yaml` or `*.yml` in any case, out of hidden folders, links to files
/// included. `None` when a link to a folder makes the count a matter of policy.
pub(crate) fn incident_files(root: &Path) -> Option<usize> {
    let mut count = 0;
    let mut pending = vec![root.join("incidents")];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let kind = entry.file_type().ok()?;
            let followed = fs::metadata(entry.path());
            if kind.is_symlink() && followed.as_ref().is_ok_and(|m| m.is_dir()) {
                return None;
            }
            if kind.is_dir() {
                pending.push(entry.path());
            } else if is_yaml_name(&name) {
                count += 1;
            }
        }
    }
    Some(count)
}

pub(crate) fn is_yaml_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Whether any file under `dir` holds [`SECRET`].
pub(crate) fn holds_secret(dir: &Path) -> Option<PathBuf> {
    let secret = SECRET.as_bytes();
    tree(dir).into_iter().find_map(|(path, entry)| match entry {
        Entry::File(bytes) if bytes.windows(secret.len()).any(|w| w == secret) => Some(path),
        _ => None,
    })
}
