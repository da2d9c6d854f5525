//! The sentences commands write into incident files, in the site's language: the `text_*`
//! and `list_*` strings of the theme's i18n files (English where a language lacks one), so
//! a new language needs nothing but its i18n file.

use std::path::Path;

use super::Failure;
use crate::load::load_theme;
use crate::model::{Config, Instant};
use crate::render::i18n::{Strings, strings};

pub(super) struct Texts {
    strings: Strings,
}

impl Texts {
    pub fn load(root: &Path, config: &Config) -> Result<Texts, Failure> {
        let theme = load_theme(root, &config.theme, &config.language).map_err(Failure::Failed)?;
        let strings = strings(&theme, &config.language).map_err(Failure::Failed)?;
        Ok(Texts { strings })
    }

    #[cfg(test)]
    fn english() -> Texts {
        Texts::load(Path::new("/nonexistent"), &Config::default()).expect("built-in theme")
    }

    /// `A`, `A and B`, `A, B and C`.
    pub fn list(&self, names: &[&str]) -> String {
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!(
                "{}{}{last}",
                rest.join(self.strings.get("list_separator")),
                self.strings.get("list_last_separator")
            ),
        }
    }

    pub fn investigating(&self, names: &[&str]) -> String {
        self.strings
            .get("text_investigating")
            .replace("{services}", &self.list(names))
    }

    pub fn maintenance(
        &self,
        names: &[&str],
        window: (Instant, Instant),
        config: &Config,
    ) -> String {
        let zone = config.zone;
        let at = |t| zone.local(t).format("%Y-%m-%d %H:%M").to_string();
        self.strings
            .get("text_maintenance")
            .replace("{services}", &self.list(names))
            .replace("{from}", &at(window.0))
            .replace("{to}", &at(window.1))
            .replace("{zone}", zone.name())
    }

    pub fn resolved(&self) -> String {
        self.strings.get("text_resolved").to_string()
    }

    pub fn completed(&self) -> String {
        self.strings.get("text_completed").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_sentences() {
        let texts = Texts::english();
        assert_eq!(texts.list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(
            texts.investigating(&["API"]),
            "We are investigating problems with API."
        );
        assert!(texts.resolved().contains("resolved"));
    }

    #[test]
    fn korean_sentences_and_english_underneath() {
        let config = Config {
            language: "ko".into(),
            ..Config::default()
        };
        let texts = Texts::load(Path::new("/nonexistent"), &config).unwrap();
        assert_eq!(
            texts.investigating(&["카카오톡", "다음"]),
            "카카오톡, 다음에 문제가 있어 원인을 확인하고 있습니다."
        );
        assert_eq!(texts.completed(), "점검이 완료되었습니다.");
    }

    #[test]
    fn every_language_has_every_sentence() {
        for (path, bytes) in crate::theme::builtin_files() {
            if !path.starts_with("i18n/") {
                continue;
            }
            let text = String::from_utf8_lossy(bytes);
            for key in [
                "list_separator:",
                "list_last_separator:",
                "text_investigating:",
                "text_maintenance:",
                "text_resolved:",
                "text_completed:",
            ] {
                assert!(text.contains(key), "{path} lacks {key}");
            }
        }
    }
}
