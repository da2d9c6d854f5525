//! Times and durations as readers see them: in the site's timezone with its offset, in the
//! site's language.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::Duration;
use serde::Serialize;

use super::i18n::Strings;
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
}

impl Formatter<'_> {
    pub fn time(&self, t: Instant) -> TimeView {
        let local = self.zone.local(t);
        TimeView {
            iso: format_rfc3339(local).into(),
            text: self.format(local, "datetime_format").into(),
            short: self.format(local, "short_format").into(),
        }
    }

    pub fn month(&self, t: Instant) -> String {
        self.format(self.zone.local(t), "month_format")
    }

    /// `t` in the date format stored under `key` in the UI strings.
    pub fn format(&self, t: chrono::DateTime<chrono::FixedOffset>, key: &str) -> String {
        t.format_with_items(self.strings.time_format(key).iter())
            .to_string()
    }

    /// `43 h 11 min` / `43시간 11분`; days past ten of them, where hours stop helping, and
    /// years past one.
    pub fn duration(&self, d: Duration) -> String {
        let minutes = d.num_minutes().max(0);
        let (h, m) = (minutes / 60, minutes % 60);
        let (days, hours) = (h / 24, h % 24);
        let s = self.strings;
        let mut parts = Vec::with_capacity(2);
        if days >= 365 {
            let (years, rest) = years_and_days(days);
            parts.push(s.fill("duration_y", years));
            if rest > 0 {
                parts.push(s.fill("duration_d", rest));
            }
        } else if h >= 240 {
            parts.push(s.fill("duration_d", days));
            if hours > 0 {
                parts.push(s.fill("duration_h", hours));
            }
        } else {
            if h > 0 {
                parts.push(s.fill("duration_h", h));
            }
            if m > 0 || h == 0 {
                parts.push(s.fill("duration_min", m));
            }
        }
        parts.join(" ")
    }

    /// How far into an incident `d` is: `43 h in`, `1시간 44분째`.
    pub fn elapsed(&self, d: Duration) -> String {
        self.strings
            .get("elapsed")
            .replace("{d}", &self.duration(d))
    }

    /// A signed offset from the start: `+43 h`, `-2 d`, for updates (announcements come
    /// before the start).
    pub fn offset(&self, d: Duration) -> String {
        let sign = if d < Duration::zero() { '-' } else { '+' };
        format!("{sign}{}", self.duration(d.abs()))
    }
}

/// Whole years (of 365.2425 days, the Gregorian average) and the days left: 7,305 days are 20
/// years, not 20 years and 5 days.
fn years_and_days(days: i64) -> (i64, i64) {
    const YEAR: f64 = 365.2425;
    let years = ((days as f64 + 0.5) / YEAR).floor() as i64;
    let rest = days - (years as f64 * YEAR).round() as i64;
    (years, rest.max(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn strings(pairs: &[(&str, &str)]) -> Strings {
        let map: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let theme = crate::theme::Theme {
            i18n: [("en".to_string(), vec![map])].into_iter().collect(),
            ..Default::default()
        };
        crate::render::i18n::strings(&theme, "en").unwrap()
    }

    #[test]
    fn durations_read_like_people_write_them() {
        let ko = strings(&[
            ("duration_d", "{n}일"),
            ("duration_h", "{n}시간"),
            ("duration_min", "{n}분"),
        ]);
        let en = strings(&[
            ("duration_d", "{n} d"),
            ("duration_h", "{n} h"),
            ("duration_min", "{n} min"),
        ]);
        let f = |s| Formatter {
            zone: SiteZone::default(),
            strings: s,
        };
        let d = Duration::minutes(43 * 60 + 11);
        assert_eq!(f(&ko).duration(d), "43시간 11분");
        assert_eq!(f(&en).duration(d), "43 h 11 min");
        assert_eq!(
            f(&en).duration(Duration::minutes(127 * 60 + 30)),
            "127 h 30 min"
        );
        assert_eq!(f(&en).duration(Duration::minutes(12)), "12 min");
        assert_eq!(f(&en).duration(Duration::hours(300)), "12 d 12 h");
        assert_eq!(f(&en).duration(Duration::minutes(130)), "2 h 10 min");
        assert_eq!(f(&en).duration(Duration::zero()), "0 min");
        assert_eq!(f(&en).duration(Duration::hours(48)), "48 h");
    }

    #[test]
    fn long_durations_count_years() {
        let en = crate::render::i18n::builtin("en");
        let ko = crate::render::i18n::builtin("ko");
        let f = |s| Formatter {
            zone: SiteZone::default(),
            strings: s,
        };
        assert_eq!(f(&en).duration(Duration::days(7305)), "20 y");
        assert_eq!(f(&en).duration(Duration::days(365)), "1 y");
        assert_eq!(f(&en).duration(Duration::days(3660)), "10 y 8 d");
        assert_eq!(f(&en).duration(Duration::days(364)), "364 d");
        assert_eq!(f(&ko).duration(Duration::days(3660)), "10년 8일");
        assert_eq!(f(&en).elapsed(Duration::minutes(104)), "1 h 44 min in");
        assert_eq!(f(&ko).elapsed(Duration::minutes(104)), "1시간 44분째");
        assert_eq!(f(&en).offset(Duration::hours(-48)), "-48 h");
        assert_eq!(f(&ko).offset(Duration::minutes(30)), "+30분");
    }

    #[test]
    fn times_carry_the_offset() {
        let s = strings(&[
            ("datetime_format", "%Y-%m-%d %H:%M (UTC%:z)"),
            ("date_format", "%Y-%m-%d"),
            ("short_format", "%m-%d %H:%M"),
        ]);
        let f = Formatter {
            zone: SiteZone::parse("Asia/Seoul").unwrap(),
            strings: &s,
        };
        let t = crate::model::time::parse_timestamp("2022-10-15T06:30:00Z", SiteZone::default())
            .unwrap();
        let v = f.time(t);
        assert_eq!(&*v.iso, "2022-10-15T15:30:00+09:00");
        assert_eq!(&*v.text, "2022-10-15 15:30 (UTC+09:00)");
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

/// A share of the chart's width as an SVG percentage, two decimals at most: `12.34%`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pct(pub f64);

impl std::fmt::Display for Pct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = (self.0 * 10_000.0).round() as i64;
        let sign = if hundredths < 0 { "-" } else { "" };
        let hundredths = hundredths.abs();
        match hundredths % 100 {
            0 => write!(f, "{sign}{}%", hundredths / 100),
            d if d % 10 == 0 => write!(f, "{sign}{}.{}%", hundredths / 100, d / 10),
            d => write!(f, "{sign}{}.{d:02}%", hundredths / 100),
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

    #[test]
    fn percentages_of_the_width() {
        use super::Pct;
        assert_eq!(Pct(0.5).to_string(), "50%");
        assert_eq!(Pct(0.12345).to_string(), "12.35%");
        assert_eq!(Pct(0.031).to_string(), "3.1%");
        assert_eq!(Pct(1.0).to_string(), "100%");
        assert_eq!(Pct(0.0).to_string(), "0%");
    }
}
