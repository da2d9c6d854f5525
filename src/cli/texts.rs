//! The sentences commands write into incident files, in the site's language: the `text_*`
//! and `list_*` strings of the theme's i18n files (English where a language lacks one), with
//! dates as the language writes them, so a new language needs nothing but its i18n file.

use std::path::Path;

use super::Failure;
use crate::load::load_theme;
use crate::model::{Config, Instant, SiteZone};
use crate::render::Ui;

pub(super) struct Texts {
    ui: Ui,
    zone: SiteZone,
}

impl Texts {
    pub(super) fn load(root: &Path, config: &Config) -> Result<Texts, Failure> {
        let failed = |e: &dyn std::error::Error| Failure::Failed(crate::error::chain(e));
        let theme = load_theme(root, &config.theme, &config.language).map_err(|e| failed(&e))?;
        Ok(Texts {
            ui: Ui::new(&theme).map_err(|e| failed(&e))?,
            zone: config.zone,
        })
    }

    fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.ui.strings.get(key)
    }

    /// `A`, `A and B`, `A, B and C`, with the language's separators.
    pub(super) fn list(&self, names: &[&str]) -> String {
        self.ui.strings.list(names)
    }

    pub(super) fn investigating(&self, names: &[&str]) -> String {
        self.text("text_investigating")
            .replace("{services}", &self.list(names))
    }

    /// The announcement of a window, its ends written with date, time and offset: `December
    /// 1, 2026 at 2:00 AM GMT+9`.
    pub(super) fn maintenance(&self, names: &[&str], window: (Instant, Instant)) -> String {
        let fmt = self.ui.formatter(self.zone);
        self.text("text_maintenance")
            .replace("{services}", &self.list(names))
            .replace("{from}", &fmt.time(window.0).text)
            .replace("{to}", &fmt.time(window.1).text)
    }

    pub(super) fn resolved(&self) -> String {
        self.text("text_resolved").to_string()
    }

    pub(super) fn completed(&self) -> String {
        self.text("text_completed").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(language: &str, zone: &str) -> Texts {
        let config = Config {
            language: language.into(),
            zone: SiteZone::parse(zone).unwrap(),
            ..Config::default()
        };
        Texts::load(Path::new("/nonexistent"), &config).expect("built-in theme")
    }

    fn at(text: &str) -> Instant {
        crate::model::time::parse_timestamp(text, SiteZone::default()).unwrap()
    }

    #[test]
    fn english_sentences() {
        let texts = texts("en", "UTC");
        assert_eq!(texts.list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(
            texts.investigating(&["API"]),
            "We are investigating problems with API."
        );
        assert!(texts.resolved().contains("resolved"));
    }

    #[test]
    fn korean_sentences() {
        let texts = texts("ko", "Asia/Seoul");
        assert_eq!(
            texts.investigating(&["카카오톡", "다음"]),
            "카카오톡, 다음에 문제가 있어 원인을 확인하고 있습니다."
        );
        assert_eq!(texts.completed(), "점검이 완료되었습니다.");
    }

    #[test]
    fn a_window_is_dated_as_its_language_writes_dates() {
        let window = (at("2026-11-30T17:00:00Z"), at("2026-11-30T19:30:00Z"));
        let de = texts("de", "Asia/Seoul").maintenance(&["API", "DB", "Web"], window);
        assert_eq!(
            de,
            "API, DB und Web: Wartung vom 1. Dezember 2026 um 02:00 GMT+9 bis 1. Dezember 2026 um 04:30 GMT+9."
        );
        let en = texts("en", "Asia/Seoul").maintenance(&["DB"], window);
        assert_eq!(
            en.replace('\u{202f}', " "),
            "DB will be under maintenance from December 1, 2026 at 2:00 AM GMT+9 to December 1, 2026 at 4:30 AM GMT+9."
        );
    }
}
