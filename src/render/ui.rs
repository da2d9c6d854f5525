//! The site's language made ready for a build: the strings of the language `load` resolved,
//! layered, and its date and number formats, made once.

use super::format::{Formatter, Memo};
use super::i18n::{self, Strings};
use super::view::Viewer;
use crate::language::{Language, LocalFormats, NoFormats};
use crate::model::{Instant, Site, SiteZone};
use crate::theme::Theme;

pub(crate) struct Ui {
    pub language: Language,
    pub strings: Strings,
    pub formats: LocalFormats,
    memo: Memo,
}

impl Ui {
    pub(crate) fn new(theme: &Theme) -> Result<Ui, NoFormats> {
        let language = theme.language.clone();
        let formats = LocalFormats::new(&language)?;
        Ok(Ui {
            strings: i18n::strings(theme),
            language,
            formats,
            memo: Memo::default(),
        })
    }

    pub(crate) fn formatter(&self, zone: SiteZone) -> Formatter<'_> {
        Formatter {
            zone,
            strings: &self.strings,
            local: &self.formats,
            memo: &self.memo,
            this_year: None,
        }
    }

    /// Views of `site` at `now` in this language.
    pub(crate) fn viewer<'a>(&'a self, site: &'a Site, now: Instant) -> Viewer<'a> {
        Viewer {
            site,
            now,
            fmt: Formatter {
                this_year: Some(chrono::Datelike::year(&site.config.zone.date_of(now))),
                ..self.formatter(site.config.zone)
            },
            strings: &self.strings,
            language: &self.language,
        }
    }
}
