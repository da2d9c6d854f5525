//! The site's language made ready for a build: its tag resolved against the theme's UI
//! string files, the strings layered, the date and number formats made, once.

use super::format::Formatter;
use super::i18n::{self, Strings};
use super::theme::Theme;
use crate::language::{self, Language, LanguageError, LocalFormats};
use crate::model::SiteZone;

pub struct Ui {
    pub language: Language,
    pub strings: Strings,
    pub formats: LocalFormats,
}

impl Ui {
    /// `tag` is `language:` of status.yaml, checked already against every theme's files.
    pub fn new(theme: &Theme, tag: &str) -> Result<Ui, String> {
        let codes: Vec<String> = theme.i18n.keys().cloned().collect();
        let language = language::resolve(tag, &codes).map_err(|e| match e {
            LanguageError::Malformed => format!("language '{tag}' is not a BCP 47 tag"),
            LanguageError::Unknown => format!(
                "no UI strings for language '{tag}' in this theme: add i18n/{tag}.yaml to it"
            ),
        })?;
        let strings = i18n::strings(theme, &language)?;
        let formats = LocalFormats::new(&language)?;
        Ok(Ui {
            language,
            strings,
            formats,
        })
    }

    pub fn formatter(&self, zone: SiteZone) -> Formatter<'_> {
        Formatter {
            zone,
            strings: &self.strings,
            local: &self.formats,
        }
    }
}

/// The site's language for texts written outside pages: the placeholders of `statusgen new`.
pub struct SiteWords {
    ui: Ui,
    zone: SiteZone,
}

impl SiteWords {
    pub fn new(site: &crate::model::Site, root: &std::path::Path) -> Result<SiteWords, String> {
        let theme = super::theme::load_theme(root, &site.config.theme)?;
        Ok(SiteWords {
            ui: Ui::new(&theme, &site.config.language)?,
            zone: site.config.zone,
        })
    }

    /// The UI string `key` with each `{name}` of `values` filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.ui.strings.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Date, time and offset: `December 1, 2026 at 2:00 AM GMT+9`.
    pub fn time(&self, t: crate::model::Instant) -> String {
        self.ui.formatter(self.zone).time(t).text.to_string()
    }

    /// `A`, `A and B`, `A, B and C`, with the language's separators.
    pub fn list(&self, names: &[&str]) -> String {
        let strings = &self.ui.strings;
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!(
                "{}{}{last}",
                rest.join(strings.get("list_comma")),
                strings.get("list_and")
            ),
        }
    }
}
