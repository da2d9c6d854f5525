//! Reading a site's theme: the built-in files, `themes/NAME/` over them, the UI strings of
//! its `i18n/` (YAML, parsed here) for the site's language (a BCP 47 tag, resolved here against
//! the theme's files), and the site's `static/` over the theme's static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::folder::{FolderError, read_static_dir, read_tree};
use super::inside::Site;
use super::yaml;
use crate::diagnostics::Diagnostic;
use crate::language::{self, Language, LanguageError};
use crate::theme::{Strings, Theme, builtin_files};

/// The theme `name` of the site at `root`, with the UI strings of English and of the files
/// `language` falls back through (`pt` for `pt-BR`).
pub(crate) fn load_theme(root: &Path, name: &str, language: &str) -> Result<Theme, ThemeError> {
    let mut files = Files::default();
    for (path, bytes) in builtin_files() {
        files.add(path, bytes.to_vec(), format!("built-in theme: {path}"));
    }
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        for file in read_tree(root, &format!("themes/{name}"), false)? {
            let origin = format!("themes/{name}/{}", file.path);
            files.add(&file.path, file.bytes, origin);
        }
    } else if name != "default" {
        return Err(ThemeError::NotFound {
            name: name.to_string(),
            dir,
        });
    }
    let language = resolve(language, name, &files.i18n)?;
    let i18n = parse_strings(&files.i18n, &language)?;
    let mut statics = files.statics;
    for file in read_static_dir(root)? {
        statics.insert(file.path, file.bytes);
    }
    Ok(Theme {
        templates: files.templates,
        statics,
        language,
        i18n,
        origins: files.origins,
    })
}

/// Why a theme could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error(
        "theme '{name}' not found: there is no {} folder (use `theme: default` or create it)",
        dir.display()
    )]
    NotFound { name: String, dir: PathBuf },
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error("language '{0}' is not a BCP 47 tag")]
    Malformed(String),
    #[error(
        "no UI strings for language '{tag}' in theme '{theme}': add themes/{theme}/i18n/{tag}.yaml (it has {})",
        codes.join(", ")
    )]
    NoStrings {
        tag: String,
        theme: String,
        codes: Vec<String>,
    },
    /// A file of UI strings that does not parse, where.
    #[error("{}:{}:{}: {}", .0.file, .0.pos.line, .0.pos.col, .0.message)]
    Strings(Box<Diagnostic>),
}

/// A theme's files by kind, before its UI strings are parsed.
#[derive(Default)]
struct Files {
    templates: BTreeMap<String, String>,
    statics: BTreeMap<String, Vec<u8>>,
    /// Language code → each of its `i18n/CODE.yaml`, built-in first: where it came from (as
    /// problems name it) and its text.
    i18n: BTreeMap<String, Vec<(String, String)>>,
    origins: BTreeMap<String, String>,
}

impl Files {
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
            && let Some(code) = super::yaml_stem(file)
        {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let files = self.i18n.entry(code.to_string()).or_default();
            files.push((origin, text));
        }
    }
}

/// `tag` (`language:` of status.yaml, checked already against every theme's files) against
/// the UI string files of this theme.
fn resolve(
    tag: &str,
    theme: &str,
    texts: &BTreeMap<String, Vec<(String, String)>>,
) -> Result<Language, ThemeError> {
    let codes: Vec<String> = texts.keys().cloned().collect();
    language::resolve(tag, &codes).map_err(|e| match e {
        LanguageError::Malformed => ThemeError::Malformed(tag.to_string()),
        LanguageError::Unknown => ThemeError::NoStrings {
            tag: tag.to_string(),
            theme: theme.to_string(),
            codes,
        },
    })
}

/// The UI strings of English and of `language`'s files, file by file; the first file that
/// does not parse is the error.
fn parse_strings(
    texts: &BTreeMap<String, Vec<(String, String)>>,
    language: &Language,
) -> Result<BTreeMap<String, Vec<Strings>>, ThemeError> {
    let mut out: BTreeMap<String, Vec<Strings>> = BTreeMap::new();
    for code in std::iter::once("en").chain(language.files.iter().map(String::as_str)) {
        if out.contains_key(code) {
            continue;
        }
        for (file, text) in texts.get(code).into_iter().flatten() {
            let layer: Strings =
                yaml::parse(text, file).map_err(|d| ThemeError::Strings(Box::new(d)))?;
            out.entry(code.to_string()).or_default().push(layer);
        }
    }
    Ok(out)
}

/// Languages a site can choose: the built-in ones plus any `i18n/*.yaml` of its themes.
pub(crate) fn languages(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = builtin_files()
        .iter()
        .filter_map(|(path, _)| {
            path.strip_prefix("i18n/")?
                .strip_suffix(".yaml")
                .map(String::from)
        })
        .collect();
    let site = Site::new(root);
    if let Ok(themes) = std::fs::read_dir(root.join("themes")) {
        for theme in themes.flatten() {
            let i18n = theme.path().join("i18n");
            // A theme that leads out of the site is refused when it is read; its names are
            // not the site's.
            if site.check(&i18n, "").is_err() {
                continue;
            }
            let Ok(files) = std::fs::read_dir(i18n) else {
                continue;
            };
            for file in files.flatten() {
                let path = file.path();
                if super::is_yaml(&path) {
                    out.extend(path.file_stem().and_then(|s| s.to_str()).map(String::from));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_theme_has_english_and_the_site_language_only() {
        let theme = load_theme(Path::new("/nonexistent"), "default", "ko").unwrap();
        assert_eq!(theme.i18n.keys().collect::<Vec<_>>(), ["en", "ko"]);
        assert!(theme.templates.contains_key("index.html"));
        assert!(theme.statics.contains_key("style.css"));
        let english = load_theme(Path::new("/nonexistent"), "default", "en").unwrap();
        assert_eq!(english.i18n["en"].len(), 1);
        assert_eq!(english.language.tag, "en");
        let err = load_theme(Path::new("/nonexistent"), "mine", "en").unwrap_err();
        assert!(matches!(err, ThemeError::NotFound { .. }), "{err}");
        assert!(err.to_string().contains("theme 'mine' not found"), "{err}");
    }

    #[test]
    fn the_language_is_resolved_against_the_themes_files() {
        let theme = load_theme(Path::new("/nonexistent"), "default", "pt-BR").unwrap();
        assert_eq!(theme.language.tag, "pt-BR");
        assert_eq!(theme.language.files, ["pt"]);
        assert_eq!(theme.i18n.keys().collect::<Vec<_>>(), ["en", "pt"]);
        let chinese = load_theme(Path::new("/nonexistent"), "default", "zh-TW").unwrap();
        assert_eq!(chinese.i18n.keys().collect::<Vec<_>>(), ["en", "zh-Hant"]);
        let err = load_theme(Path::new("/nonexistent"), "default", "xx").unwrap_err();
        assert!(
            err.to_string().contains("no UI strings for language 'xx'"),
            "{err}"
        );
    }
}
