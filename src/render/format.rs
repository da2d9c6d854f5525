//! Times and durations as readers see them: in the site's timezone with its offset, in the
//! site's language.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::Duration;
use serde::Serialize;

use super::i18n::Strings;
use crate::language::LocalFormats;
use crate::model::time::format_rfc3339;
use crate::model::{Instant, SiteZone};

/// A moment for templates: `iso` for `<time datetime>`, `text` for people.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimeView {
    pub iso: Arc<str>,
    pub text: Arc<str>,
    pub short: Arc<str>,
}

#[derive(Clone, Copy)]
pub struct Formatter<'a> {
    pub zone: SiteZone,
    pub strings: &'a Strings,
    /// Dates and numbers as the site's language writes them.
    pub local: &'a LocalFormats,
}

impl Formatter<'_> {
    pub fn time(&self, t: Instant) -> TimeView {
        let local = self.zone.local(t);
        TimeView {
            iso: format_rfc3339(local).into(),
            text: self.local.moment(local).into(),
            short: self.local.short(local).into(),
        }
    }

    /// The month `t` falls in, as a heading: `October 2022`.
    pub fn month(&self, t: Instant) -> String {
        self.local.month(self.zone.date_of(t))
    }

    /// A day of the site's calendar: `October 17, 2022`.
    pub fn date(&self, day: chrono::NaiveDate) -> String {
        self.local.date(day)
    }

    /// Month and day of `t`, for axes: `Oct 17`.
    pub fn day(&self, t: Instant) -> String {
        self.local.day(self.zone.date_of(t))
    }

    /// The wall-clock time of `t`, for axes: `3:30 PM`, `15:30`.
    pub fn clock(&self, t: Instant) -> String {
        self.local.clock(self.zone.local(t))
    }

    /// A whole number in the language's digits: `13`, `১৩`.
    pub fn number(&self, n: impl Into<i64>) -> String {
        self.local.integer(n.into())
    }

    /// Hours with at most two decimals: `43`, `9.5`, `9,5`.
    pub fn hours(&self, hours: f64) -> String {
        self.local.hundredths((hours * 100.0).round() as i64)
    }

    /// A share in percent with two decimals (`99.72`, `99,72`), without the sign: UI strings
    /// place it as their language does.
    pub fn percent(&self, percent: f64) -> String {
        self.local.fixed2((percent * 100.0).round() as i64)
    }

    /// The UI string `key` for the count `n` (its plural form, `key.few`, if the language has
    /// one), with `{n}` replaced by `n` in the language's digits.
    pub fn fill(&self, key: &str, n: impl Into<i64>) -> String {
        let n = n.into();
        self.strings
            .counted(key, self.local.plural(n))
            .replace("{n}", &self.number(n))
    }

    /// `43 h 11 min` / `43시간 11분`; days only past ten of them, where hours stop helping.
    pub fn duration(&self, d: Duration) -> String {
        let minutes = d.num_minutes().max(0);
        let (h, m) = (minutes / 60, minutes % 60);
        let parts = if h >= 240 {
            vec![
                self.fill("duration_d", h / 24),
                self.fill("duration_h", h % 24),
            ]
        } else if h > 0 && m > 0 {
            vec![self.fill("duration_h", h), self.fill("duration_min", m)]
        } else if h > 0 {
            vec![self.fill("duration_h", h)]
        } else {
            vec![self.fill("duration_min", m)]
        };
        parts.join(" ")
    }

    /// Hours since the start, signed: `+43 h`, `+9.5 h`, `-48 h`.
    pub fn hour_offset(&self, hours: f64) -> String {
        let sign = if hours < 0.0 { "-" } else { "+" };
        let text = self.hours(hours.abs());
        format!(
            "{sign}{}",
            self.strings.get("duration_h").replace("{n}", &text)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::ui::Ui;

    fn ui(language: &str) -> Ui {
        Ui::new(&crate::theme::builtin_for_tests(language)).unwrap()
    }

    #[test]
    fn durations_read_like_people_write_them() {
        let (en, ko, de, pl) = (ui("en"), ui("ko"), ui("de"), ui("pl"));
        let f = |ui: &Ui, d: Duration| ui.formatter(SiteZone::default()).duration(d);
        let d = Duration::minutes(43 * 60 + 11);
        assert_eq!(f(&ko, d), "43시간 11분");
        assert_eq!(f(&en, d), "43 h 11 min");
        assert_eq!(f(&de, Duration::minutes(130)), "2 Std. 10 Min.");
        assert_eq!(f(&en, Duration::minutes(127 * 60 + 30)), "127 h 30 min");
        assert_eq!(f(&en, Duration::minutes(12)), "12 min");
        assert_eq!(f(&en, Duration::hours(300)), "12 d 12 h");
        // Plural forms where the language has them.
        assert_eq!(f(&pl, Duration::hours(24 * 21 + 1)), "21 dni 1 godz.");
        assert_eq!(f(&pl, Duration::hours(24 * 11)), "11 dni 0 godz.");
    }

    #[test]
    fn hours_and_shares_use_the_language_separator() {
        let (en, de) = (ui("en"), ui("de"));
        let (en, de) = (
            en.formatter(SiteZone::default()),
            de.formatter(SiteZone::default()),
        );
        assert_eq!(en.hour_offset(9.5), "+9.5 h");
        assert_eq!(en.hour_offset(-48.0), "-48 h");
        assert_eq!(en.hour_offset(0.0), "+0 h");
        assert_eq!(de.hour_offset(9.5), "+9,5 Std.");
        assert_eq!(de.percent(99.7), "99,70");
        assert_eq!(en.fill("uptime_days", 90), "Uptime over the last 90 days");
        assert_eq!(en.fill("uptime_days", 1), "Uptime over the last day");
    }

    #[test]
    fn times_carry_the_offset() {
        let en = ui("en");
        let f = en.formatter(SiteZone::parse("Asia/Seoul").unwrap());
        let t = crate::model::time::parse_timestamp("2022-10-15T06:30:00Z", SiteZone::default())
            .unwrap();
        let v = f.time(t);
        assert_eq!(&*v.iso, "2022-10-15T15:30:00+09:00");
        assert_eq!(
            v.text.replace('\u{202f}', " "),
            "October 15, 2022 at 3:30 PM GMT+9"
        );
        assert_eq!(v.short.replace('\u{202f}', " "), "Oct 15, 3:30 PM");
    }
}

/// Times of one page, formatted once each: a page shows the same few instants many times
/// (segment boundaries, steps, updates).
pub struct TimeMemo<'a> {
    fmt: Formatter<'a>,
    seen: RefCell<HashMap<Instant, TimeView>>,
}

impl<'a> TimeMemo<'a> {
    pub fn new(fmt: Formatter<'a>) -> TimeMemo<'a> {
        TimeMemo {
            fmt,
            seen: RefCell::new(HashMap::new()),
        }
    }

    pub fn time(&self, t: Instant) -> TimeView {
        self.seen
            .borrow_mut()
            .entry(t)
            .or_insert_with(|| self.fmt.time(t))
            .clone()
    }
}

/// A coordinate printed with one decimal, by integer arithmetic: `{:.1}` on an `f64` takes
/// the slow exact path of float formatting, and charts print thousands of coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Px(pub f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let tenths = tenths.abs();
        match tenths % 10 {
            0 => write!(f, "{sign}{}", tenths / 10),
            d => write!(f, "{sign}{}.{d}", tenths / 10),
        }
    }
}

#[cfg(test)]
mod px_tests {
    use super::Px;

    #[test]
    fn one_decimal_at_most() {
        assert_eq!(Px(12.34).to_string(), "12.3");
        assert_eq!(Px(12.0).to_string(), "12");
        assert_eq!(Px(-0.26).to_string(), "-0.3");
        assert_eq!(Px(0.04).to_string(), "0");
        assert_eq!(format!("{:.1}", Px(959.96)), "960");
    }
}
