//! UI strings: English underneath, then the files the site's language falls back through
//! (`pt` under `pt-BR`), each built-in file under a theme's file of the same code, so a theme
//! can add a language or reword one string.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::{Overall, Posted, State, UpdateStatus};
use crate::theme::Theme;

#[derive(Debug, Clone, Default)]
pub(crate) struct Strings {
    map: BTreeMap<String, String>,
    /// The label of each state, in `State::ALL` order, made once.
    states: Vec<Arc<str>>,
    /// The banner sentence of each page-wide level, in `Overall::ALL` order.
    headlines: Vec<Arc<str>>,
}

/// The strings of the theme's language (resolved by `load`), layered.
pub(super) fn strings(theme: &Theme) -> Strings {
    let mut map = BTreeMap::new();
    let codes = theme.language.files.iter().filter(|code| *code != "en");
    for code in std::iter::once(&"en".to_string()).chain(codes) {
        for layer in theme.i18n.get(code).into_iter().flatten() {
            // A string replaced here takes its plural forms (`key.few`) from here too, not
            // from the layer below: English's `uptime_days.one` is no Tagalog form.
            for key in layer.keys().filter(|k| !k.contains('.')) {
                let forms = format!("{key}.");
                map.retain(|k: &String, _| !k.starts_with(&forms));
            }
            map.extend(layer.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
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
    Strings {
        map,
        states,
        headlines,
    }
}

impl Strings {
    /// The string for `key`, or the key itself so a missing string shows rather than breaks.
    pub(crate) fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` to go with a count of plural category `category` (`one`, `few`...):
    /// `key.few` when the language has it, else `key`.
    pub(crate) fn counted<'a>(&'a self, key: &'a str, category: &str) -> &'a str {
        self.map
            .get(&format!("{key}.{category}"))
            .map_or_else(|| self.get(key), String::as_str)
    }

    /// `A`, `A and B`, `A, B and C`, with the language's separators.
    pub(crate) fn list(&self, names: &[&str]) -> String {
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!(
                "{}{}{last}",
                rest.join(self.get("list_separator")),
                self.get("list_last_separator")
            ),
        }
    }

    pub(crate) fn map(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// The label of `state`.
    pub(crate) fn state_label(&self, state: State) -> Arc<str> {
        let index = State::ALL.iter().position(|s| *s == state).unwrap_or(0);
        self.states
            .get(index)
            .cloned()
            .unwrap_or_else(|| state.as_str().into())
    }

    /// The banner sentence of a page-wide level.
    pub(crate) fn headline(&self, overall: Overall) -> Arc<str> {
        let index = Overall::ALL.iter().position(|o| *o == overall).unwrap_or(0);
        self.headlines
            .get(index)
            .cloned()
            .unwrap_or_else(|| overall.as_str().into())
    }

    /// The text of an update: as written, or the site's words for one the maintenance window
    /// posted by itself.
    pub(crate) fn update_text<'a>(&'a self, posted: &Posted<'a>) -> &'a str {
        match posted.written {
            Some(update) => &update.body,
            None => self.get(match posted.status {
                UpdateStatus::InProgress => "auto_in_progress",
                _ => "auto_completed",
            }),
        }
    }
}

/// The built-in theme's strings in `language`, for tests.
#[cfg(test)]
pub(super) fn builtin(language: &str) -> Strings {
    strings(&crate::theme::builtin_for_tests(language))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::builtin_for_tests;

    #[test]
    fn plural_forms_stay_with_their_language() {
        let tagalog = strings(&builtin_for_tests("tl"));
        // 90 is "one" in Filipino's plural rules; English's form for one day must not show.
        assert_eq!(
            tagalog.counted("uptime_days", "one"),
            "Uptime sa nakaraang {n} araw"
        );
        let russian = strings(&builtin_for_tests("ru"));
        assert_eq!(
            russian.counted("uptime_days", "few"),
            "Доступность за последние {n} дня"
        );
    }

    #[test]
    fn a_regional_variant_lies_over_its_language() {
        let mut theme = builtin_for_tests("pt-BR");
        assert_eq!(theme.language.files, ["pt"]);
        let brazil: BTreeMap<String, String> =
            [("nav_feed".to_string(), "Feed RSS".to_string())].into();
        theme.language.files.push("pt-BR".into());
        theme.i18n.insert("pt-BR".into(), vec![brazil]);
        let s = strings(&theme);
        assert_eq!(s.get("nav_feed"), "Feed RSS");
        assert_eq!(
            s.get("nav_history"),
            strings(&builtin_for_tests("pt")).get("nav_history")
        );
    }
}
