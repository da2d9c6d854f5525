//! The guard of the built-in translations: every language has every key of `en.yaml`, the
//! same placeholders, no English left where a translation belongs (unless the word is
//! deliberately the same, listed in `tests/i18n/identical.yaml` with its reason), and plural
//! forms only under categories its language has.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::yaml;
use crate::language::{LocalFormats, resolve};
use crate::theme::builtin_files;

/// The languages the default theme ships: cState's 19 (its `se` as `sv`), Korean and Chinese.
const SHIPPED: [&str; 22] = [
    "bn", "de", "en", "es", "fr", "id", "it", "ja", "ko", "lt", "mk", "nl", "pl", "pt", "ro", "ru",
    "sv", "tl", "tr", "uk", "zh-Hans", "zh-Hant",
];

type Strings = BTreeMap<String, String>;

fn builtin() -> BTreeMap<String, Strings> {
    builtin_files()
        .iter()
        .filter_map(|(path, bytes)| {
            let code = path.strip_prefix("i18n/")?.strip_suffix(".yaml")?;
            let text = std::str::from_utf8(bytes).unwrap();
            let strings: Strings = yaml::parse(text, path)
                .unwrap_or_else(|d| panic!("{path}:{}: {}", d.pos.line, d.message));
            Some((code.to_string(), strings))
        })
        .collect()
}

/// `tests/i18n/identical.yaml`: language → key → the value it shares with English.
fn identical() -> BTreeMap<String, Strings> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/i18n/identical.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    yaml::parse(&text, "tests/i18n/identical.yaml")
        .unwrap_or_else(|d| panic!("identical.yaml:{}: {}", d.pos.line, d.message))
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The key a plural variant (`uptime_days.few`) belongs to, and its category.
fn plural_of(key: &str) -> Option<(&str, &str)> {
    key.rsplit_once('.')
}

#[test]
fn the_shipped_languages_are_there() {
    let codes: Vec<String> = builtin().into_keys().collect();
    assert_eq!(codes, SHIPPED);
}

#[test]
fn every_language_has_every_english_key_with_its_placeholders() {
    let all = builtin();
    let en = &all["en"];
    let mut problems = Vec::new();
    for (code, strings) in &all {
        // Plural forms are the language's own: English's `.one` binds no other language.
        for (key, english) in en.iter().filter(|(k, _)| plural_of(k).is_none()) {
            match strings.get(key) {
                None => problems.push(format!("{code}: missing {key}")),
                Some(text) if placeholders(text) != placeholders(english) => {
                    problems.push(format!(
                        "{code}: {key} has placeholders {:?}, English {:?}",
                        placeholders(text),
                        placeholders(english)
                    ))
                }
                Some(_) => {}
            }
        }
        for key in strings.keys().filter(|k| !en.contains_key(*k)) {
            if plural_of(key).is_none_or(|(base, _)| !en.contains_key(base)) {
                problems.push(format!("{code}: {key} is not a key of en.yaml"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn plural_forms_use_the_categories_of_their_language() {
    let all = builtin();
    let mut problems = Vec::new();
    for (code, strings) in &all {
        let available = vec![code.clone()];
        let formats = LocalFormats::new(&resolve(code, &available).unwrap()).unwrap();
        let used: BTreeSet<&str> = (0..=200).map(|n| formats.plural(n)).collect();
        for (key, text) in strings {
            let Some((base, category)) = plural_of(key) else {
                continue;
            };
            if !used.contains(category) || category == "other" {
                problems.push(format!("{code}: {key}: '{category}' is not a plural form here (the key itself is 'other'; forms: {used:?})"));
            }
            // A form may leave the count out ("the last day"), but bring no other.
            if !placeholders(text).is_subset(&placeholders(&strings[base])) {
                problems.push(format!("{code}: {key} has other placeholders than {base}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_english_is_left_where_a_translation_belongs() {
    let all = builtin();
    let en = &all["en"];
    let allowed = identical();
    let mut problems = Vec::new();
    for (code, strings) in all.iter().filter(|(code, _)| *code != "en") {
        let allowed = allowed.get(code).cloned().unwrap_or_default();
        for (key, english) in en.iter().filter(|(k, _)| plural_of(k).is_none()) {
            let same = strings.get(key) == Some(english);
            match allowed.get(key) {
                Some(value) if !same || value != english => problems.push(format!(
                    "{code}: {key} is listed as identical to English ({value:?}) but reads {:?}",
                    strings.get(key)
                )),
                None if same => problems.push(format!(
                    "{code}: {key} is still English ({english:?}); translate it, or list it in tests/i18n/identical.yaml with the reason"
                )),
                _ => {}
            }
        }
        for key in allowed.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!(
                "{code}: identical.yaml lists {key}, which en.yaml lacks"
            ));
        }
    }
    for code in allowed.keys().filter(|c| !all.contains_key(*c)) {
        problems.push(format!(
            "identical.yaml lists {code}, which is not built in"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
