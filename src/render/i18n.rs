//! UI strings: English underneath, the site's language on top, a theme's files on top of
//! that, so a theme can add a language or reword one string.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::{Overall, Posted, State, UpdateStatus};
use crate::theme::Theme;

/// A date format, parsed once: formatting with a string parses it again on every call.
pub type TimeFormat = Vec<chrono::format::Item<'static>>;

#[derive(Debug, Clone, Default)]
pub struct Strings {
    map: BTreeMap<String, String>,
    formats: BTreeMap<String, TimeFormat>,
    /// The label of each state, in `State::ALL` order, made once.
    states: Vec<Arc<str>>,
    /// The banner sentence of each page-wide level, in `Overall::ALL` order.
    headlines: Vec<Arc<str>>,
}

pub fn strings(theme: &Theme, language: &str) -> Result<Strings, String> {
    let mut map = BTreeMap::new();
    for code in ["en", language] {
        for layer in theme.i18n.get(code).into_iter().flatten() {
            map.extend(layer.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    if !theme.i18n.contains_key(language) {
        return Err(format!(
            "no UI strings for language '{language}': add i18n/{language}.yaml to the theme"
        ));
    }
    let mut formats = BTreeMap::new();
    for (key, value) in map.iter().filter(|(k, _)| k.ends_with("_format")) {
        let items = chrono::format::StrftimeItems::new(value)
            .parse_to_owned()
            .map_err(|e| format!("the UI string {key} is not a date format ({e}): {value}"))?;
        formats.insert(key.clone(), items);
    }
    let word =
        |key: String| -> Arc<str> { map.get(&key).map_or(key.as_str(), String::as_str).into() };
    let states = State::ALL
        .iter()
        .map(|s| word(format!("state_{}", s.as_str())))
        .collect();
    let headlines = Overall::ALL
        .iter()
        .map(|o| word(format!("overall_{}", o.as_str())))
        .collect();
    Ok(Strings {
        map,
        formats,
        states,
        headlines,
    })
}

impl Strings {
    /// The string for `key`, or the key itself so a missing string shows rather than breaks.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` with `{n}` replaced.
    pub fn fill(&self, key: &str, n: impl std::fmt::Display) -> String {
        self.get(key).replace("{n}", &n.to_string())
    }

    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// The label of `state`.
    pub fn state_label(&self, state: State) -> Arc<str> {
        let index = State::ALL.iter().position(|s| *s == state).unwrap_or(0);
        self.states
            .get(index)
            .cloned()
            .unwrap_or_else(|| state.as_str().into())
    }

    /// The banner sentence of a page-wide level.
    pub fn headline(&self, overall: Overall) -> Arc<str> {
        let index = Overall::ALL.iter().position(|o| *o == overall).unwrap_or(0);
        self.headlines
            .get(index)
            .cloned()
            .unwrap_or_else(|| overall.as_str().into())
    }

    /// The text of an update: as written, or the site's words for one the maintenance window
    /// posted by itself.
    pub fn update_text<'a>(&'a self, posted: &Posted<'a>) -> &'a str {
        match posted.written {
            Some(update) => &update.body,
            None => self.get(match posted.status {
                UpdateStatus::InProgress => "auto_in_progress",
                _ => "auto_completed",
            }),
        }
    }

    /// The parsed date format stored under `key` (a key ending in `_format`).
    pub fn time_format(&self, key: &str) -> &[chrono::format::Item<'static>] {
        self.formats.get(key).map_or(&[], Vec::as_slice)
    }
}

/// The built-in theme's strings in `language`, for tests.
#[cfg(test)]
pub fn builtin(language: &str) -> Strings {
    strings(&crate::theme::builtin_for_tests(language), language).expect("built-in strings parse")
}
