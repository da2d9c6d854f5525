//! UI strings: English underneath, the site's language on top, a theme's files on top of
//! that, so a theme can add a language or reword one string.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::theme::Theme;
use crate::language::Language;
use crate::load::yaml;
use crate::model::State;

#[derive(Debug, Clone, Default)]
pub struct Strings {
    map: BTreeMap<String, String>,
    /// Label and banner sentence of each state, in `State::ALL` order, made once.
    states: Vec<(Arc<str>, Arc<str>)>,
}

/// English, then the language's files from the least specific to the most (`pt`, `pt-BR`),
/// each built-in file under the theme's file of the same code.
pub fn strings(theme: &Theme, language: &Language) -> Result<Strings, String> {
    let mut map = BTreeMap::new();
    let codes = language.files.iter().filter(|code| *code != "en");
    for code in std::iter::once(&"en".to_string()).chain(codes) {
        for (i, text) in theme.i18n.get(code).into_iter().flatten().enumerate() {
            let file = format!("i18n/{code}.yaml (#{})", i + 1);
            let layer: BTreeMap<String, String> = yaml::parse(text, &file)
                .map_err(|d| format!("{}:{}:{}: {}", d.file, d.pos.line, d.pos.col, d.message))?;
            // A string replaced here takes its plural forms (`key.few`) from here too, not
            // from the layer below: English's `uptime_days.one` is no Tagalog form.
            for key in layer.keys().filter(|k| !k.contains('.')) {
                let forms = format!("{key}.");
                map.retain(|k: &String, _| !k.starts_with(&forms));
            }
            map.extend(layer);
        }
    }
    let word =
        |key: String| -> Arc<str> { map.get(&key).map_or(key.as_str(), String::as_str).into() };
    let states = State::ALL
        .iter()
        .map(|s| {
            (
                word(format!("state_{}", s.as_str())),
                word(format!("overall_{}", s.as_str())),
            )
        })
        .collect();
    Ok(Strings { map, states })
}

impl Strings {
    /// The string for `key`, or the key itself so a missing string shows rather than breaks.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` to go with a count of plural category `category` (`one`, `few`...):
    /// `key.few` when the language has it, else `key`.
    pub fn counted<'a>(&'a self, key: &'a str, category: &str) -> &'a str {
        self.map
            .get(&format!("{key}.{category}"))
            .map_or_else(|| self.get(key), String::as_str)
    }

    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// The label and banner sentence of `state`.
    pub fn state_words(&self, state: State) -> (Arc<str>, Arc<str>) {
        let index = State::ALL.iter().position(|s| *s == state).unwrap_or(0);
        self.states
            .get(index)
            .cloned()
            .unwrap_or_else(|| (state.as_str().into(), state.as_str().into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_stay_with_their_language() {
        let theme =
            super::super::theme::load_theme(std::path::Path::new("/nonexistent"), "default")
                .unwrap();
        let codes: Vec<String> = theme.i18n.keys().cloned().collect();
        let tagalog = strings(&theme, &crate::language::resolve("tl", &codes).unwrap()).unwrap();
        // 90 is "one" in Filipino's plural rules; English's form for one day must not show.
        assert_eq!(
            tagalog.counted("uptime_days", "one"),
            "Uptime sa nakaraang {n} araw"
        );
        let russian = strings(&theme, &crate::language::resolve("ru", &codes).unwrap()).unwrap();
        assert_eq!(
            russian.counted("uptime_days", "few"),
            "Доступность за последние {n} дня"
        );
    }
}
