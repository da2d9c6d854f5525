//! Themes: the built-in one, embedded file by file, and a theme as a build uses it: the
//! built-in files with a site's `themes/NAME/` over them by path (read by `load::theme`).

use std::collections::BTreeMap;

use crate::language::Language;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// Every file of the built-in theme, by path relative to `themes/default/`.
pub fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// The built-in theme with the UI strings of `language`, for tests of what renders it.
#[cfg(test)]
pub(crate) fn builtin_for_tests(language: &str) -> Theme {
    crate::load::load_theme(std::path::Path::new("/nonexistent"), "default", language)
        .expect("the built-in theme loads")
}

/// UI strings of one `i18n/CODE.yaml` file: key → text.
pub(crate) type Strings = BTreeMap<String, String>;

/// A theme resolved for one site: built-in files with the site's overrides on top.
#[derive(Debug)]
pub struct Theme {
    /// Template name (path under `templates/`) → source text.
    pub templates: BTreeMap<String, String>,
    /// Path → bytes of every file copied to the output root: the theme's `static/` with the
    /// site's own `static/` over it.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The site's language, resolved against the theme's UI string files: which of them it
    /// falls back through, and how it writes dates and numbers.
    pub language: Language,
    /// Language code → its UI strings, one layer per file, built-in first then overrides;
    /// only English and the files of `language`, those a build uses.
    pub i18n: BTreeMap<String, Vec<Strings>>,
    /// Where each template came from, for error messages.
    pub origins: BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
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
