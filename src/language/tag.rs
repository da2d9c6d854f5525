//! `language:` as a BCP 47 tag: case-insensitive, `_` tolerated, with fallback from the most
//! specific UI string file there is to the least (`pt-BR` → `pt`), English underneath.

use icu_locale_core::subtags::{Language as Subtag, Script};
use icu_locale_core::{LanguageIdentifier, Locale};

/// Spellings read as another language when no UI strings exist under their own code.
/// `se` is Northern Sami in BCP 47, but cState (and so many status sites) use it for Swedish;
/// `iw` and `in` are the withdrawn codes of Hebrew and Indonesian; CLDR calls Tagalog `fil`.
const ALIASES: [(&str, &str); 4] = [("se", "sv"), ("iw", "he"), ("in", "id"), ("fil", "tl")];

/// Languages whose dates CLDR keeps under another code.
const DATA_ALIASES: [(&str, &str); 1] = [("tl", "fil")];

/// Languages written right to left when no script subtag says otherwise.
const RTL_LANGUAGES: [&str; 12] = [
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur",
];
const RTL_SCRIPTS: [&str; 7] = ["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"];

/// A site's language, resolved against the UI string files a build has.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// As pages declare it (`lang`, `xml:lang`): canonical case, without extensions: `pt-BR`.
    pub tag: String,
    /// The UI string files to lay over English, least specific first (`["pt", "pt-BR"]`),
    /// spelled as in the list they were found in.
    pub files: Vec<String>,
    /// `rtl` for languages written right to left, else `ltr`.
    pub dir: &'static str,
    /// A spelling read as another language: `("se", "sv")`.
    pub alias: Option<(String, String)>,
    /// The tag with its Unicode extensions, canonical, aliases replaced: `ko-u-hc-h23`, `sv`
    /// for `se`. Resolves to the same language again, without the alias.
    pub canonical: String,
    /// What dates and numbers follow: the tag with its Unicode extensions (`ko-u-hc-h23`).
    pub(super) locale: Locale,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LanguageError {
    /// Not a BCP 47 tag.
    Malformed,
    /// A tag, but there are UI strings neither for it nor for any of its fallbacks.
    Unknown,
}

/// Resolves what `language:` says against the codes of the UI string files there are.
pub fn resolve(written: &str, available: &[String]) -> Result<Language, LanguageError> {
    let mut locale = parse(written).ok_or(LanguageError::Malformed)?;
    let mut files = existing(&locale.id, available);
    let mut alias = None;
    if files.is_empty()
        && let Some((from, to)) = ALIASES
            .iter()
            .find(|(from, _)| locale.id.language.as_str() == *from)
        && let Ok(target) = Subtag::try_from_str(to)
    {
        locale.id.language = target;
        files = existing(&locale.id, available);
        alias = Some((from.to_string(), to.to_string()));
    }
    if files.is_empty() && locale.id.language.as_str() != "en" {
        return Err(LanguageError::Unknown);
    }
    let tag = locale.id.to_string();
    let canonical = locale.to_string();
    let dir = direction(&locale.id);
    if let Some((_, data)) = DATA_ALIASES
        .iter()
        .find(|(code, _)| locale.id.language.as_str() == *code)
        && let Ok(data) = Subtag::try_from_str(data)
    {
        locale.id.language = data;
    }
    Ok(Language {
        tag,
        files,
        dir,
        alias,
        canonical,
        locale,
    })
}

/// Country codes often written where a language code belongs (`kr` for Korean): the
/// language meant, for a did-you-mean.
const COUNTRY_CODES: [(&str, &str); 12] = [
    ("kr", "ko"),
    ("jp", "ja"),
    ("cn", "zh-Hans"),
    ("tw", "zh-Hant"),
    ("hk", "zh-Hant"),
    ("ua", "uk"),
    ("cz", "cs"),
    ("dk", "da"),
    ("gr", "el"),
    ("br", "pt-BR"),
    ("vn", "vi"),
    ("il", "he"),
];

/// The language a country code stands for, when the code is one of those often mistaken for
/// a language (`kr` → `ko`).
pub(crate) fn language_of_country(written: &str) -> Option<&'static str> {
    let code = written.trim().to_lowercase();
    COUNTRY_CODES
        .iter()
        .find(|(country, _)| *country == code)
        .map(|(_, language)| *language)
}

/// A file's language code as a canonical tag (`pt_br` → `pt-BR`), or lowercased if it is none.
pub(crate) fn canonical_code(code: &str) -> String {
    parse(code).map_or_else(|| code.to_lowercase(), |l| l.id.to_string())
}

fn parse(text: &str) -> Option<Locale> {
    let text = text.trim().replace('_', "-");
    let mut locale = Locale::try_from_str(&text).ok()?;
    // Only the Unicode extension (`-u-hc-h23`, `-u-nu-latn`) changes how we write.
    let unicode = std::mem::take(&mut locale.extensions.unicode);
    locale.extensions = Default::default();
    locale.extensions.unicode = unicode;
    (!locale.id.language.is_unknown()).then_some(locale)
}

/// The codes of `available` that `id` falls back through, least specific first.
fn existing(id: &LanguageIdentifier, available: &[String]) -> Vec<String> {
    let known: Vec<(String, &String)> = available
        .iter()
        .map(|code| (canonical_code(code), code))
        .collect();
    let mut files: Vec<String> = Vec::new();
    for candidate in fallbacks(id).iter().rev() {
        let wanted = candidate.to_string();
        if let Some((_, code)) = known.iter().find(|(canonical, _)| *canonical == wanted)
            && !files.contains(code)
        {
            files.push((*code).clone());
        }
    }
    files
}

/// Most specific first: `zh-Hant-TW` → `zh-Hant-TW`, `zh-Hant`, `zh-TW`, `zh`; a Chinese tag
/// without a script gets the one its region writes (`zh-TW` → `zh-Hant`).
fn fallbacks(id: &LanguageIdentifier) -> Vec<LanguageIdentifier> {
    let lang = |script: Option<Script>, region| LanguageIdentifier {
        language: id.language,
        script,
        region,
        variants: Default::default(),
    };
    let script = id.script.or_else(|| chinese_script(id));
    let mut out = vec![id.clone(), lang(script, id.region)];
    if script.is_some() {
        out.push(lang(script, None));
    }
    if id.region.is_some() {
        out.push(lang(None, id.region));
    }
    out.push(lang(None, None));
    out.dedup();
    out
}

fn chinese_script(id: &LanguageIdentifier) -> Option<Script> {
    if id.language.as_str() != "zh" {
        return None;
    }
    let traditional = id
        .region
        .is_some_and(|r| matches!(r.as_str(), "TW" | "HK" | "MO"));
    Script::try_from_str(if traditional { "Hant" } else { "Hans" }).ok()
}

fn direction(id: &LanguageIdentifier) -> &'static str {
    let rtl = match id.script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&id.language.as_str()),
    };
    if rtl { "rtl" } else { "ltr" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    fn files(written: &str, available: &[&str]) -> Vec<String> {
        resolve(written, &codes(available)).unwrap().files
    }

    #[test]
    fn tags_are_case_insensitive_and_tolerate_underscores() {
        let available = ["en", "pt", "zh-Hant", "zh-Hans"];
        for written in ["pt-BR", "pt_br", "PT-br", " pt-BR "] {
            let language = resolve(written, &codes(&available)).unwrap();
            assert_eq!(language.tag, "pt-BR", "{written}");
            assert_eq!(language.files, ["pt"], "{written}");
        }
        assert_eq!(
            resolve("ZH-hant", &codes(&available)).unwrap().tag,
            "zh-Hant"
        );
        assert_eq!(canonical_code("pt_br"), "pt-BR");
        assert_eq!(canonical_code("Not A Tag"), "not a tag");
    }

    #[test]
    fn fallback_goes_from_the_most_specific_file_to_the_least() {
        let available = ["en", "pt", "pt-BR", "zh-Hans", "zh-Hant"];
        assert_eq!(files("pt-BR", &available), ["pt", "pt-BR"]);
        assert_eq!(files("pt-PT", &available), ["pt"]);
        assert_eq!(files("pt", &available), ["pt"]);
        assert_eq!(files("zh-TW", &available), ["zh-Hant"]);
        assert_eq!(files("zh-Hant-HK", &available), ["zh-Hant"]);
        assert_eq!(files("zh-CN", &available), ["zh-Hans"]);
        assert_eq!(files("zh", &available), ["zh-Hans"]);
        assert_eq!(files("en-GB", &available), ["en"]);
        // A theme's own spelling of a code is kept, to find its file.
        assert_eq!(files("pt-BR", &["en", "pt", "pt_br"]), ["pt", "pt_br"]);
    }

    #[test]
    fn unknown_and_malformed_tags_are_errors() {
        let available = codes(&["en", "de"]);
        assert_eq!(resolve("xx", &available), Err(LanguageError::Unknown));
        assert_eq!(
            resolve("deutsch!", &available),
            Err(LanguageError::Malformed)
        );
        assert_eq!(resolve("", &available), Err(LanguageError::Malformed));
        // English is always there, underneath everything.
        assert_eq!(resolve("en-US", &available).unwrap().tag, "en-US");
    }

    #[test]
    fn country_codes_point_at_their_language() {
        assert_eq!(language_of_country("KR"), Some("ko"));
        assert_eq!(language_of_country("jp"), Some("ja"));
        assert_eq!(language_of_country("de"), None);
    }

    #[test]
    fn se_is_swedish_unless_a_theme_brings_northern_sami() {
        let swedish = resolve("se", &codes(&["en", "sv"])).unwrap();
        assert_eq!(swedish.tag, "sv");
        assert_eq!(swedish.files, ["sv"]);
        assert_eq!(swedish.alias, Some(("se".into(), "sv".into())));
        assert_eq!(swedish.canonical, "sv");
        let sami = resolve("se", &codes(&["en", "se", "sv"])).unwrap();
        assert_eq!((sami.tag.as_str(), sami.alias), ("se", None));
    }

    #[test]
    fn extensions_reach_dates_but_not_the_page_tag() {
        let language = resolve("ko-u-hc-h23", &codes(&["en", "ko"])).unwrap();
        assert_eq!(language.tag, "ko");
        assert_eq!(language.locale.to_string(), "ko-u-hc-h23");
        assert_eq!(language.canonical, "ko-u-hc-h23");
        let tagalog = resolve("tl", &codes(&["en", "tl"])).unwrap();
        assert_eq!(
            (tagalog.tag.as_str(), tagalog.locale.to_string()),
            ("tl", "fil".into())
        );
        assert_eq!(
            resolve("fil-PH", &codes(&["en", "tl"])).unwrap().tag,
            "tl-PH"
        );
    }

    #[test]
    fn right_to_left_by_language_or_script() {
        let available = codes(&["en", "ar", "he", "az"]);
        assert_eq!(resolve("ar", &available).unwrap().dir, "rtl");
        assert_eq!(resolve("he-IL", &available).unwrap().dir, "rtl");
        assert_eq!(resolve("iw", &available).unwrap().tag, "he");
        assert_eq!(resolve("az-Arab", &available).unwrap().dir, "rtl");
        assert_eq!(resolve("az", &available).unwrap().dir, "ltr");
        assert_eq!(resolve("en", &available).unwrap().dir, "ltr");
    }
}
