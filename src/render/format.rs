//! Times and durations as readers see them: in the site's timezone with its offset, in the
//! site's language.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::Duration;
use serde::Serialize;

use super::i18n::Strings;
use super::placeholders::fill_in;
use crate::language::LocalFormats;
use crate::model::time::format_rfc3339;
use crate::model::{Instant, SiteZone};

/// A moment for templates: `iso` for `<time datetime>`, `text` for people.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct TimeView {
    pub iso: Arc<str>,
    pub text: Arc<str>,
    pub short: Arc<str>,
}

#[derive(Clone, Copy)]
pub(crate) struct Formatter<'a> {
    pub zone: SiteZone,
    pub strings: &'a Strings,
    /// Dates and numbers as the site's language writes them.
    pub local: &'a LocalFormats,
    /// Texts this build has made already.
    pub memo: &'a Memo,
    /// The year of "now" in the site's timezone: short times of other years say theirs.
    pub this_year: Option<i32>,
}

/// Texts made once per build and looked up after: the same durations and instants come back
/// on many pages (an incident's chart, table, updates, card and feed entries), and each
/// costs thousands of instructions to write in a language.
pub(crate) struct Memo {
    /// Durations by whole minutes, up to [`MEMO_MINUTES`].
    durations: Box<[OnceLock<Arc<str>>]>,
    /// The same, as time into an incident: `43 h in`.
    elapsed: Box<[OnceLock<Arc<str>>]>,
    /// Recent moments: a slot per hash of the instant, the last one written there.
    times: Box<[TimeSlot]>,
    /// Counted strings by key and count: `+12 h`, `3 days`.
    counted: Mutex<HashMap<String, HashMap<i64, Arc<str>>>>,
    /// Charts' axes of time since the start, by length of span.
    pub(super) elapsed_axes: super::timeline::ElapsedMemo,
}

/// Behind an `Arc`, so that the table of empty slots a build starts with is small: its
/// megabytes would otherwise be written out, on one thread, before any page is made.
type TimeSlot = Mutex<Option<Arc<((Instant, SiteZone, Option<i32>), TimeView)>>>;

/// Two weeks: the durations of most incidents and of all of their steps.
const MEMO_MINUTES: usize = 14 * 24 * 60;
const TIME_SLOTS: usize = 1 << TIME_BITS;
const TIME_BITS: u32 = 16;

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            durations: (0..MEMO_MINUTES).map(|_| OnceLock::new()).collect(),
            elapsed: (0..MEMO_MINUTES).map(|_| OnceLock::new()).collect(),
            times: (0..TIME_SLOTS).map(|_| Mutex::new(None)).collect(),
            counted: Mutex::default(),
            elapsed_axes: super::timeline::ElapsedMemo::default(),
        }
    }
}

impl Drop for Memo {
    fn drop(&mut self) {
        // Tens of thousands of kept texts: freed on every core, not one by one at the end.
        crate::parallel::drop_all(std::mem::take(&mut self.times).into_vec());
    }
}

impl Formatter<'_> {
    pub(crate) fn time(&self, t: Instant) -> TimeView {
        let hash = (t.timestamp() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TIME_BITS);
        let slot = &self.memo.times[hash as usize % TIME_SLOTS];
        let found = slot.lock().ok().and_then(|kept| match kept.as_deref() {
            Some((key, view)) if *key == (t, self.zone, self.this_year) => Some(view.clone()),
            _ => None,
        });
        if let Some(view) = found {
            return view;
        }
        let view = self.write_time(t);
        if let Ok(mut kept) = slot.lock() {
            *kept = Some(Arc::new(((t, self.zone, self.this_year), view.clone())));
        }
        view
    }

    fn write_time(&self, t: Instant) -> TimeView {
        let local = self.zone.local(t);
        TimeView {
            iso: format_rfc3339(local).into(),
            text: self.local.moment(local).into(),
            short: match self.this_year {
                Some(year) if chrono::Datelike::year(&local) != year => {
                    self.local.short_with_year(local).into()
                }
                _ => self.local.short(local).into(),
            },
        }
    }

    /// The month `t` falls in, as a heading: `October 2022`.
    pub(crate) fn month(&self, t: Instant) -> String {
        self.local.month(self.zone.date_of(t))
    }

    /// A day of the site's calendar: `October 17, 2022`.
    pub(crate) fn date(&self, day: chrono::NaiveDate) -> String {
        self.local.date(day)
    }

    /// A day with its year, for axes: `Oct 17, 2022`.
    pub(crate) fn date_short(&self, day: chrono::NaiveDate) -> String {
        self.local.date_short(day)
    }

    /// Month and day of `t`, for axes: `Oct 17`.
    pub(crate) fn day(&self, t: Instant) -> String {
        self.local.day(self.zone.date_of(t))
    }

    /// The month of `t` alone, for axes: `Oct`.
    pub(crate) fn month_alone(&self, t: Instant) -> String {
        self.local.month_alone(self.zone.date_of(t))
    }

    /// The year of `t`, for axes: `2022`, `2022년`.
    pub(crate) fn year(&self, t: Instant) -> String {
        self.local.year(self.zone.date_of(t))
    }

    /// The wall-clock time of `t`, for axes: `3:30 PM`, `15:30`.
    pub(crate) fn clock(&self, t: Instant) -> String {
        self.local.clock(self.zone.local(t))
    }

    /// The wall-clock time of `t` with the offset, where the day is already said:
    /// `4:30 AM GMT+9`.
    pub(crate) fn clock_with_offset(&self, t: Instant) -> String {
        self.local.clock_with_offset(self.zone.local(t))
    }

    /// A whole number in the language's digits: `13`, `১৩`.
    pub(crate) fn number(&self, n: impl Into<i64>) -> String {
        self.local.integer(n.into())
    }

    /// A share in percent with two decimals (`99.72`, `99,72`), without the sign: UI strings
    /// place it as their language does.
    pub(crate) fn percent(&self, percent: f64) -> String {
        self.local.fixed2((percent * 100.0).round() as i64)
    }

    /// The UI string `key` for the count `n` (its plural form, `key.few`, if the language has
    /// one), with `{n}` replaced by `n` in the language's digits.
    pub(crate) fn fill(&self, key: &str, n: impl Into<i64>) -> String {
        let n = n.into();
        let kept = |counted: &HashMap<String, HashMap<i64, Arc<str>>>| {
            counted.get(key).and_then(|by_n| by_n.get(&n)).cloned()
        };
        if let Some(text) = self.memo.counted.lock().ok().and_then(|c| kept(&c)) {
            return text.to_string();
        }
        let text = self.write_fill(key, n);
        if let Ok(mut counted) = self.memo.counted.lock() {
            if !counted.contains_key(key) {
                counted.insert(key.to_string(), HashMap::new());
            }
            if let Some(by_n) = counted.get_mut(key) {
                by_n.insert(n, text.as_str().into());
            }
        }
        text
    }

    fn write_fill(&self, key: &str, n: i64) -> String {
        fill_in(
            self.strings.counted(key, self.local.plural(n)),
            &[("{n}", &self.number(n))],
        )
    }

    /// `43 h 11 min` / `43시간 11분`; days past ten of them, where hours stop helping, and
    /// years past one.
    pub(crate) fn duration(&self, d: Duration) -> String {
        let minutes = d.num_minutes().max(0);
        by_minute(&self.memo.durations, minutes, || {
            self.write_duration(minutes)
        })
    }

    fn write_duration(&self, minutes: i64) -> String {
        let (h, m) = (minutes / 60, minutes % 60);
        let (days, hours) = (h / 24, h % 24);
        let mut parts = Vec::with_capacity(2);
        if days >= 365 {
            let (years, rest) = years_and_days(days);
            parts.push(self.fill("duration_y", years));
            if rest > 0 {
                parts.push(self.fill("duration_d", rest));
            }
        } else if h >= 240 {
            parts.push(self.fill("duration_d", days));
            if hours > 0 {
                parts.push(self.fill("duration_h", hours));
            }
        } else {
            if h > 0 {
                parts.push(self.fill("duration_h", h));
            }
            if m > 0 || h == 0 {
                parts.push(self.fill("duration_min", m));
            }
        }
        parts.join(self.local.unit_separator())
    }

    /// How far into an incident `d` is: `43 h in`, `1시간 44분째`.
    pub(crate) fn elapsed(&self, d: Duration) -> String {
        by_minute(&self.memo.elapsed, d.num_minutes().max(0), || {
            fill_in(self.strings.get("elapsed"), &[("{d}", &self.duration(d))])
        })
    }

    /// A signed offset from the start: `+43 h`, `-2 d`, for updates (announcements come
    /// before the start).
    pub(crate) fn offset(&self, d: Duration) -> String {
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
        assert_eq!(f(&en, Duration::minutes(130)), "2 h 10 min");
        assert_eq!(f(&en, Duration::zero()), "0 min");
        assert_eq!(f(&en, Duration::hours(48)), "48 h");
        // Plural forms where the language has them.
        assert_eq!(f(&pl, Duration::hours(24 * 21 + 1)), "21 dni 1 godz.");
        assert_eq!(f(&pl, Duration::hours(24 * 11)), "11 dni");
    }

    #[test]
    fn unspaced_languages_join_duration_parts_without_a_space() {
        let f = |code: &str, d: Duration| ui(code).formatter(SiteZone::default()).duration(d);
        let d = Duration::hours(24 * 12 + 3);
        assert_eq!(f("ja", d), "12日3時間");
        assert_eq!(f("zh-Hans", Duration::minutes(130)), "2小时10分钟");
        assert_eq!(f("zh-Hant", d), "12天3小時");
        assert_eq!(f("ko", d), "12일 3시간");
    }

    #[test]
    fn long_durations_count_years() {
        let (en, ko, ru) = (ui("en"), ui("ko"), ui("ru"));
        fn f(ui: &Ui) -> Formatter<'_> {
            ui.formatter(SiteZone::default())
        }
        assert_eq!(f(&en).duration(Duration::days(7305)), "20 y");
        assert_eq!(f(&en).duration(Duration::days(365)), "1 y");
        assert_eq!(f(&en).duration(Duration::days(3660)), "10 y 8 d");
        assert_eq!(f(&en).duration(Duration::days(364)), "364 d");
        assert_eq!(f(&ko).duration(Duration::days(3660)), "10년 8일");
        assert_eq!(f(&en).elapsed(Duration::minutes(104)), "1 h 44 min in");
        assert_eq!(f(&ko).elapsed(Duration::minutes(104)), "1시간 44분째");
        assert_eq!(f(&en).offset(Duration::hours(-48)), "-48 h");
        assert_eq!(f(&ko).offset(Duration::minutes(30)), "+30분");
        assert_eq!(f(&ru).duration(Duration::days(3660)), "10 лет 8 дн.");
    }

    #[test]
    fn shares_and_counts_use_the_language_separator() {
        let (en, de) = (ui("en"), ui("de"));
        let (en, de) = (
            en.formatter(SiteZone::default()),
            de.formatter(SiteZone::default()),
        );
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
        assert_eq!(
            f.clock_with_offset(t).replace('\u{202f}', " "),
            "3:30 PM GMT+9"
        );
    }

    /// A short time says its year when it is not now's: "since May 20, 6:05 PM" of an
    /// incident open since 2021 would read as this year's.
    #[test]
    fn short_times_of_another_year_than_nows_say_their_year() {
        let en = ui("en");
        let seoul = SiteZone::parse("Asia/Seoul").unwrap();
        let t = crate::model::time::parse_timestamp("2021-05-20T09:05:00Z", SiteZone::default())
            .unwrap();
        let at = |year| {
            let f = Formatter {
                this_year: year,
                ..en.formatter(seoul)
            };
            f.time(t).short.replace('\u{202f}', " ")
        };
        assert_eq!(at(Some(2021)), "May 20, 6:05 PM");
        assert_eq!(at(Some(2025)), "May 20, 2021, 6:05 PM");
        // The kept texts are told apart by the year they were made for.
        assert_eq!(at(Some(2021)), "May 20, 6:05 PM");
        assert_eq!(at(None), "May 20, 6:05 PM");
    }
}

/// Times of one page, formatted once each: a page shows the same few instants many times
/// (segment boundaries, steps, updates).
pub(super) struct TimeMemo<'a> {
    fmt: Formatter<'a>,
    seen: RefCell<HashMap<Instant, TimeView>>,
}

impl<'a> TimeMemo<'a> {
    pub(super) fn new(fmt: Formatter<'a>) -> TimeMemo<'a> {
        TimeMemo {
            fmt,
            seen: RefCell::new(HashMap::new()),
        }
    }

    pub(super) fn time(&self, t: Instant) -> TimeView {
        self.seen
            .borrow_mut()
            .entry(t)
            .or_insert_with(|| self.fmt.time(t))
            .clone()
    }
}

/// The text kept for `minutes` in `table`, written once; past the table's end, written
/// each time.
fn by_minute(table: &[OnceLock<Arc<str>>], minutes: i64, write: impl FnOnce() -> String) -> String {
    match table.get(minutes as usize) {
        Some(kept) => kept.get_or_init(|| write().into()).to_string(),
        None => write(),
    }
}

/// A coordinate printed with one decimal, by integer arithmetic: `{:.1}` on an `f64` takes
/// the slow exact path of float formatting, and charts print thousands of coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Px(pub f64);

impl Px {
    /// Appended to `out` without the formatting machinery of `write!`.
    pub(super) fn push_to(self, out: &mut String) {
        let _ = Fixed::<1>::new(self.units()).write(out, "");
    }

    fn units(self) -> i64 {
        (self.0 * 10.0).round() as i64
    }
}

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Fixed::<1>::new(self.units()).write(f, "")
    }
}

/// A share of the chart's width as an SVG percentage, two decimals at most: `12.34%`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Pct(pub f64);

impl Pct {
    /// Appended to `out` without the formatting machinery of `write!`.
    pub(super) fn push_to(self, out: &mut String) {
        let _ = Fixed::<2>::new(self.units()).write(out, "%");
    }

    fn units(self) -> i64 {
        (self.0 * 10_000.0).round() as i64
    }
}

impl std::fmt::Display for Pct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Fixed::<2>::new(self.units()).write(f, "%")
    }
}

/// `units` divided by 10^`D` (1 or 2), without trailing zeros in the decimals: written
/// piece by piece, as `write!` with nested arguments costs more than the rest of a chart's
/// element, and charts print hundreds of numbers each.
struct Fixed<const D: u32> {
    negative: bool,
    whole: u64,
    /// The decimals left once trailing zeros are dropped, as ASCII digits.
    decimals: [u8; 2],
    places: usize,
}

impl<const D: u32> Fixed<D> {
    fn new(units: i64) -> Fixed<D> {
        let n = units.unsigned_abs();
        let scale = 10u64.pow(D);
        let mut fraction = n % scale;
        let mut places = D as usize;
        while places > 0 && fraction.is_multiple_of(10) {
            fraction /= 10;
            places -= 1;
        }
        let mut decimals = [b'0'; 2];
        for slot in decimals[..places].iter_mut().rev() {
            *slot = b'0' + (fraction % 10) as u8;
            fraction /= 10;
        }
        Fixed {
            negative: units < 0,
            whole: n / scale,
            decimals,
            places,
        }
    }

    /// Into a `String` (which cannot fail) or a formatter.
    fn write<W: std::fmt::Write>(&self, out: &mut W, suffix: &str) -> std::fmt::Result {
        if self.negative {
            out.write_char('-')?;
        }
        out.write_str(itoa::Buffer::new().format(self.whole))?;
        if self.places > 0 {
            out.write_char('.')?;
            for &digit in &self.decimals[..self.places] {
                out.write_char(char::from(digit))?;
            }
        }
        out.write_str(suffix)
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
        assert_eq!(Px(-12.0).to_string(), "-12");
        assert_eq!(Px(1234.56).to_string(), "1234.6");
    }

    #[test]
    fn percentages_of_the_width() {
        use super::Pct;
        assert_eq!(Pct(0.5).to_string(), "50%");
        assert_eq!(Pct(0.12345).to_string(), "12.35%");
        assert_eq!(Pct(0.031).to_string(), "3.1%");
        assert_eq!(Pct(1.0).to_string(), "100%");
        assert_eq!(Pct(0.0).to_string(), "0%");
        assert_eq!(Pct(0.0105).to_string(), "1.05%");
        assert_eq!(Pct(-0.0021).to_string(), "-0.21%");
        assert_eq!(Pct(12.3).to_string(), "1230%");
    }
}
