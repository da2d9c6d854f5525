//! The Kakao site in every built-in language: each page declares its language, speaks it (no
//! English left but the words reviewed as identical), names no English month, and is
//! well-formed HTML; feeds and badges follow the language too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;
use statusgen::internals::{LocalFormats, resolve};

use crate::common::{TempDir, read_tree, repo_root, run};

const HOUR_43: &str = "2022-10-17T10:30:00+09:00";
const PAGES: [&str; 6] = [
    "index.html",
    "incidents/kakao-pangyo-fire/index.html",
    "history/index.html",
    "services/kakaotalk/index.html",
    "embed/index.html",
    "404.html",
];

type Strings = BTreeMap<String, String>;

fn yaml<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap();
    statusgen::internals::parse_yaml(&text, &path.display().to_string())
        .unwrap_or_else(|d| panic!("{}:{}: {}", path.display(), d.pos.line, d.message))
}

/// The built-in languages: the theme's `i18n/*.yaml`.
fn languages() -> Vec<String> {
    let dir = repo_root().join("themes/default/i18n");
    let mut codes: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".yaml").map(String::from)
        })
        .collect();
    codes.sort();
    codes
}

/// The repository's site with `language:` set to `code`.
fn kakao_in(code: &str) -> TempDir {
    let site = TempDir::new(&format!("lang-{code}"));
    let root = repo_root();
    let config = std::fs::read_to_string(root.join("status.yaml")).unwrap();
    assert!(config.contains("\nlanguage: ko\n"));
    site.write(
        "status.yaml",
        config.replace("\nlanguage: ko\n", &format!("\nlanguage: {code}\n")),
    );
    for (path, bytes) in read_tree(&root.join("incidents")) {
        site.write(Path::new("incidents").join(path), bytes);
    }
    site
}

/// What a reader sees: text between tags, and the words of `title`, `aria-label` and `alt`.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        for attribute in ["title=\"", "aria-label=\"", "alt=\""] {
            for (at, _) in tag.match_indices(attribute) {
                let value = &tag[at + attribute.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
        rest = &rest[close..];
        // A stylesheet inlined in a page (404.html) is not text anyone reads.
        if tag.starts_with("<style") {
            rest = &rest[rest.find("</style>").unwrap_or(rest.len())..];
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// Whether `phrase` occurs in `text` as whole words.
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// English UI phrases that must not show on a page in `code`: every English value, minus the
/// words reviewed as identical and loanwords its own strings use; of a value with
/// placeholders, its longer literal pieces.
fn english_phrases(en: &Strings, own: &Strings, identical: &Strings, code: &str) -> Vec<String> {
    if code == "en" {
        return Vec::new();
    }
    let own: String = own.values().map(|v| format!("{v}\n")).collect();
    let mut phrases = BTreeSet::new();
    for (key, value) in en {
        if key.contains('.') || identical.get(key) == Some(value) {
            continue;
        }
        let literal: String = value
            .split('{')
            .map(|piece| piece.split_once('}').map_or(piece, |(_, text)| text))
            .collect::<Vec<_>>()
            .join("\u{0}");
        for piece in literal.split('\u{0}') {
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            if piece.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !has_phrase(&own, piece)
            {
                phrases.insert(piece.to_string());
            }
        }
    }
    phrases.into_iter().collect()
}

/// English month names, long and short, that are not also month names of `code`.
fn english_months(code: &str) -> Vec<&'static str> {
    const ENGLISH: [&str; 25] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "May",
    ];
    if code == "en" {
        return Vec::new();
    }
    let formats = LocalFormats::new(&resolve(code, &[code.to_string()]).unwrap()).unwrap();
    let own: String = (1..=12)
        .map(|m| {
            let day = NaiveDate::from_ymd_opt(2022, m, 17).unwrap();
            format!(
                "{} {} {} ",
                formats.month(day),
                formats.day(day),
                formats.date(day)
            )
        })
        .collect();
    ENGLISH
        .into_iter()
        .filter(|name| !has_phrase(&own, name))
        .collect()
}

/// Tags balance, void elements stay open, ids are unique, `<html>` has `lang` and `dir`:
/// what a browser needs to build the tree we meant. The Nu checker in CI checks the rest.
fn check_structure(html: &str, code: &str, dir: &str, page: &str) {
    const VOID: [&str; 13] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    assert!(
        html.starts_with("<!DOCTYPE html>\n"),
        "{code} {page}: doctype"
    );
    let html_tag = format!("<html lang=\"{code}\" dir=\"{dir}\">");
    assert!(html.contains(&html_tag), "{code} {page}: no {html_tag}");
    let mut stack: Vec<String> = Vec::new();
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>').expect("an unclosed tag");
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(!tag.contains('<'), "{code} {page}: '<' inside <{tag}>");
        if let Some(at) = tag.find(" id=\"") {
            let id = &tag[at + 5..];
            let id = &id[..id.find('"').unwrap()];
            assert!(ids.insert(id.to_string()), "{code} {page}: id {id} twice");
        }
        if tag.starts_with('/') {
            let top = stack.pop();
            assert_eq!(
                top.as_deref(),
                Some(name.as_str()),
                "{code} {page}: </{name}>"
            );
        } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "{code} {page}: unclosed {stack:?}");
}

#[test]
fn the_kakao_site_speaks_every_built_in_language() {
    let i18n = repo_root().join("themes/default/i18n");
    let en: Strings = yaml(&i18n.join("en.yaml"));
    let identical: BTreeMap<String, Strings> = yaml(&repo_root().join("tests/i18n/identical.yaml"));
    let codes = languages();
    assert!(codes.len() >= 22, "{codes:?}");
    for code in &codes {
        let site = kakao_in(code);
        let out = site.join("public");
        let (status, _, stderr) = run([
            "build".as_ref(),
            site.path().as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            "--now".as_ref(),
            HOUR_43.as_ref(),
            "-q".as_ref(),
        ]);
        assert_eq!(status, 0, "{code}: {stderr}");
        let dir = if code == "ar" || code == "he" {
            "rtl"
        } else {
            "ltr"
        };
        let own: Strings = yaml(&i18n.join(format!("{code}.yaml")));
        let allowed = identical.get(code).cloned().unwrap_or_default();
        let phrases = english_phrases(&en, &own, &allowed, code);
        let months = english_months(code);
        for page in PAGES {
            let html = std::fs::read_to_string(out.join(page)).unwrap();
            check_structure(&html, code, dir, page);
            let text = visible_text(&html);
            for phrase in &phrases {
                assert!(
                    !has_phrase(&text, phrase),
                    "{code} {page}: English {phrase:?} in\n{text}"
                );
            }
            for month in &months {
                assert!(
                    !has_phrase(&text, month),
                    "{code} {page}: English month {month:?}"
                );
            }
        }
        let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
        assert!(
            feed.contains(&format!("xml:lang=\"{code}\"")),
            "{code}: feed language"
        );
        let badge = std::fs::read_to_string(out.join("badge.svg")).unwrap();
        for text in [
            visible_text(&feed.replace("&lt;", "<").replace("&gt;", ">")),
            badge,
        ] {
            for phrase in phrases
                .iter()
                .chain(&months.iter().map(|m| m.to_string()).collect::<Vec<_>>())
            {
                assert!(
                    !has_phrase(&text, phrase),
                    "{code} feed or badge: English {phrase:?}"
                );
            }
        }
    }
}

/// `statusgen check` of a one-incident site whose status.yaml says `language: {language}`.
fn check_language(language: &str) -> (i32, String, String) {
    let site = crate::common::basic_site("lang-check");
    let config = crate::common::STATUS_YAML.replace(
        "timezone: Asia/Seoul\n",
        &format!("timezone: Asia/Seoul\nlanguage: {language}\n"),
    );
    site.write("status.yaml", config);
    crate::common::run_in(site.path(), ["check", "."], crate::common::DEFAULT_TIMEOUT)
}

#[test]
fn language_tags_are_bcp_47_with_fallback() {
    for tag in [
        "pt-BR",
        "pt_br",
        "ZH-hant",
        "zh-TW",
        "de-CH",
        "ko-u-hc-h23",
        "fil",
    ] {
        let (code, out, err) = check_language(tag);
        assert_eq!(code, 0, "{tag}: {err}");
        assert!(out.contains("0 problems"), "{tag}: {out}{err}");
    }
}

#[test]
fn se_is_read_as_swedish_with_a_warning() {
    let (code, out, err) = check_language("se");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 problems, 1 warning"), "{out}");
    crate::common::assert_contains(
        &err,
        &[
            "warning: 'se' is read as 'sv'",
            "status.yaml:3:11",
            "'se' is Northern Sami in BCP 47",
            "Write `language: sv`",
        ],
    );
}

#[test]
fn unknown_languages_list_the_built_in_ones() {
    let (code, _, err) = check_language("jp");
    assert_eq!(code, 1);
    crate::common::assert_contains(
        &err,
        &[
            "error: unknown language 'jp'",
            "did you mean 'ja'?",
            "languages: bn, de, en, es, fr, id, it, ja, ko, lt, mk, nl, pl, pt, ro, ru, sv, tl, tr, uk, zh-Hans, zh-Hant",
            "themes/NAME/i18n/jp.yaml",
        ],
    );
    let (code, _, err) = check_language("français");
    assert_eq!(code, 1);
    assert!(err.contains("'français' is not a language tag"), "{err}");
}

#[test]
fn new_writes_its_placeholders_in_the_site_language() {
    let site = crate::common::basic_site("lang-new");
    let config = crate::common::STATUS_YAML.replace(
        "timezone: Asia/Seoul\n",
        "timezone: Europe/Berlin\nlanguage: de\n",
    );
    site.write("status.yaml", config);
    let run =
        |args: &[&str]| crate::common::run_in(site.path(), args, crate::common::DEFAULT_TIMEOUT);
    let (code, _, err) = run(&[
        "new",
        "web-errors",
        "--services",
        "web,db,api",
        "--now",
        "2026-11-25T09:31:00Z",
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(site.join("incidents/web-errors.yaml")).unwrap();
    assert!(
        text.contains("Wir untersuchen Probleme mit Website, Database und API."),
        "{text}"
    );
    let (code, _, err) = run(&[
        "new",
        "db-upgrade",
        "--services",
        "db",
        "--maintenance",
        "--start",
        "2026-12-01T02:00",
        "--end",
        "2026-12-01T04:00",
        "--now",
        "2026-11-25T09:31:00Z",
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(site.join("incidents/db-upgrade.yaml")).unwrap();
    assert!(
        text.contains("Database: Wartung vom 1. Dezember 2026 um 02:00 GMT+1 bis 1. Dezember 2026 um 04:00 GMT+1."),
        "{text}"
    );
    let (code, out, err) = run(&["check", "."]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_theme_brings_a_language_or_a_regional_variant() {
    let site = crate::common::basic_site("lang-theme");
    let with = |language: &str| {
        crate::common::STATUS_YAML.replace(
            "timezone: Asia/Seoul\n",
            &format!("timezone: Asia/Seoul\ntheme: mine\nlanguage: {language}\n"),
        )
    };
    site.write("themes/mine/i18n/ar.yaml", "nav_history: السجل\n");
    site.write(
        "themes/mine/i18n/pt_BR.yaml",
        "nav_history: Histórico de incidentes\n",
    );
    let build = |language: &str| {
        site.write("status.yaml", with(language));
        let out = site.join(format!("out-{language}"));
        let (code, _, err) = crate::common::run_in(
            site.path(),
            [
                "build",
                ".",
                "-o",
                out.to_str().unwrap(),
                "--now",
                "2026-11-25T09:31:00Z",
            ],
            crate::common::DEFAULT_TIMEOUT,
        );
        assert_eq!(code, 0, "{language}: {err}");
        std::fs::read_to_string(out.join("index.html")).unwrap()
    };
    // Arabic from the theme alone: right to left, the rest in English, dates from CLDR.
    let arabic = build("ar");
    assert!(
        arabic.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{arabic}"
    );
    assert!(arabic.contains("السجل") && arabic.contains("Recently resolved"));
    assert!(arabic.contains("نوفمبر"), "an Arabic month name: {arabic}");
    // pt-BR: the theme's file over the built-in Portuguese, key by key.
    let brazilian = build("pt-BR");
    assert!(brazilian.contains("<html lang=\"pt-BR\" dir=\"ltr\">"));
    assert!(brazilian.contains("Histórico de incidentes"));
    assert!(
        brazilian.contains("Incidentes resolvidos e manutenções concluídas recentemente"),
        "{brazilian}"
    );
}
