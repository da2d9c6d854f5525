//! UI strings: English underneath, the site's language on top, a theme's files on top of
//! that, so a theme can add a language or reword one string.

use std::collections::BTreeMap;

use super::theme::Theme;
use crate::load::yaml;

#[derive(Debug, Clone, Default)]
pub struct Strings(BTreeMap<String, String>);

pub fn strings(theme: &Theme, language: &str) -> Result<Strings, String> {
    let mut map = BTreeMap::new();
    for code in ["en", language] {
        for (i, text) in theme.i18n.get(code).into_iter().flatten().enumerate() {
            let file = format!("i18n/{code}.yaml (#{})", i + 1);
            let layer: BTreeMap<String, String> = yaml::parse(text, &file)
                .map_err(|d| format!("{}:{}:{}: {}", d.file, d.pos.line, d.pos.col, d.message))?;
            map.extend(layer);
        }
    }
    if !theme.i18n.contains_key(language) {
        return Err(format!(
            "no UI strings for language '{language}': add i18n/{language}.yaml to the theme"
        ));
    }
    Ok(Strings(map))
}

impl Strings {
    /// The string for `key`, or the key itself so a missing string shows rather than breaks.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` with `{n}` replaced.
    pub fn fill(&self, key: &str, n: impl std::fmt::Display) -> String {
        self.get(key).replace("{n}", &n.to_string())
    }

    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.0
    }
}
