//! Themes: the built-in one, embedded file by file, and a site's `themes/NAME/`, whose files
//! override the built-in ones by path.

use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// Every file of the built-in theme, by path relative to `themes/default/`.
pub fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// A theme resolved for one site: built-in files with the site's overrides on top.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (path under `templates/`) → source text.
    pub templates: BTreeMap<String, String>,
    /// Path under `static/` → bytes, copied to the output root.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Language code → the text of its `i18n/CODE.yaml`, built-in first then overrides.
    pub i18n: BTreeMap<String, Vec<String>>,
    /// Where each overridden file came from, for error messages.
    pub origins: BTreeMap<String, String>,
}

pub fn load_theme(root: &Path, name: &str) -> Result<Theme, String> {
    let mut theme = Theme::default();
    for (path, bytes) in builtin_files() {
        theme.add(path, bytes.to_vec(), format!("built-in theme: {path}"));
    }
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name == "default" {
            return Ok(theme);
        }
        return Err(format!(
            "theme '{name}' not found: there is no {} folder (use `theme: default` or create it)",
            dir.display()
        ));
    }
    for file in crate::output::read_tree(&dir, false)? {
        let origin = format!("themes/{name}/{}", file.path);
        theme.add(&file.path, file.bytes, origin);
    }
    Ok(theme)
}

impl Theme {
    fn add(&mut self, path: &str, bytes: Vec<u8>, origin: String) {
        if let Some(name) = path.strip_prefix("templates/") {
            self.templates.insert(
                name.to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
            self.origins.insert(name.to_string(), origin);
        } else if let Some(name) = path.strip_prefix("static/") {
            self.statics.insert(name.to_string(), bytes);
        } else if let Some(file) = path.strip_prefix("i18n/")
            && let Some(code) = file
                .strip_suffix(".yaml")
                .or_else(|| file.strip_suffix(".yml"))
        {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.i18n.entry(code.to_string()).or_default().push(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkdir::WalkDir;

    /// Every file under themes/default/ is compiled in, byte for byte.
    #[test]
    fn every_builtin_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk = Vec::new();
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() && !entry.file_name().to_string_lossy().starts_with('.')
            {
                let rel = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                on_disk.push((rel, std::fs::read(entry.path()).unwrap()));
            }
        }
        let embedded: Vec<(String, Vec<u8>)> = builtin_files()
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        assert!(on_disk.len() > 5);
        assert_eq!(embedded, on_disk);
    }
}
