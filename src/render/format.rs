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

    /// `43 h 11 min` / `43시간 11분`; days only past ten of them, where hours stop helping.
    pub fn duration(&self, d: Duration) -> String {
        let minutes = d.num_minutes().max(0);
        let (h, m) = (minutes / 60, minutes % 60);
        let s = self.strings;
        let parts = if h >= 240 {
            vec![s.fill("duration_d", h / 24), s.fill("duration_h", h % 24)]
        } else if h > 0 && m > 0 {
            vec![s.fill("duration_h", h), s.fill("duration_min", m)]
        } else if h > 0 {
            vec![s.fill("duration_h", h)]
        } else {
            vec![s.fill("duration_min", m)]
        };
        parts.join(" ")
    }
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
