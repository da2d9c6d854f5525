//! Instants, the site's timezone and the spellings of a point in time. The only module that
//! touches chrono-tz.

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone as _, Utc,
};

pub type Instant = DateTime<Utc>;

/// The site's timezone: an IANA name, UTC by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteZone(chrono_tz::Tz);

impl Default for SiteZone {
    fn default() -> Self {
        SiteZone(chrono_tz::UTC)
    }
}

impl SiteZone {
    pub fn parse(name: &str) -> Option<SiteZone> {
        name.parse::<chrono_tz::Tz>().ok().map(SiteZone)
    }

    /// Candidate names for did-you-mean hints.
    pub fn names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The instant as wall-clock time in this zone, with its offset.
    pub fn local(self, instant: Instant) -> DateTime<FixedOffset> {
        instant.with_timezone(&self.0).fixed_offset()
    }

    pub fn date_of(self, instant: Instant) -> NaiveDate {
        instant.with_timezone(&self.0).date_naive()
    }

    /// The first instant of a local calendar day, to the second: days can start at 01:00
    /// across a DST change. A day the zone skips altogether (Pacific/Apia went from 29 to
    /// 31 December 2011) starts where the next day starts, so that the days from
    /// `start_of_day(d)` to `start_of_day(d + 1)` cover every instant once, and a skipped
    /// day covers none.
    pub fn start_of_day(self, date: NaiveDate) -> Instant {
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        // Most days: local midnight exists and the second before it is the day before.
        if let Some(t) = self.resolve(midnight)
            && self.date_of(t) == date
            && self.date_of(t - Duration::seconds(1)) < date
        {
            return t;
        }
        // Else the first instant whose local date is `date` or later, found by halving: local
        // dates only move forward, and no zone is 36 hours from UTC.
        let utc = midnight.and_utc().timestamp();
        let (mut before, mut after) = (utc - 36 * 3600, utc + 36 * 3600);
        let date_at = |seconds| from_unix(seconds).map(|t| self.date_of(t));
        while after - before > 1 {
            let middle = before + (after - before) / 2;
            if date_at(middle).is_some_and(|d| d < date) {
                before = middle;
            } else {
                after = middle;
            }
        }
        from_unix(after).unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
    }

    /// Whether the local calendar has `date`: false for a day the zone skips.
    pub fn has_day(self, date: NaiveDate) -> bool {
        self.date_of(self.start_of_day(date)) == date
    }

    /// A naive wall-clock time read in this zone. Ambiguous times (the repeated hour when
    /// clocks go back) take the earlier instant; times skipped by a DST gap do not exist.
    pub fn resolve(self, naive: NaiveDateTime) -> Option<Instant> {
        match self.0.from_local_datetime(&naive) {
            LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(earliest, _) => Some(earliest.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    }
}

/// An RFC 3339 timestamp, or a naive one (`2022-10-15T15:30`, `2022-10-15 15:30:00`) read in
/// the site's timezone.
pub fn parse_timestamp(text: &str, zone: SiteZone) -> Result<Instant, TimeError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z") {
        return Ok(t.with_timezone(&Utc));
    }
    const NAIVE: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ];
    for format in NAIVE {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return zone.resolve(naive).ok_or_else(|| TimeError::Skipped {
                text: text.to_string(),
                zone: zone.name(),
            });
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(zone.start_of_day(date));
    }
    Err(TimeError::NotATimestamp(text.to_string()))
}

/// Why a time as written is not one; the kind picks the hint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("{text} does not exist in {zone} (clocks skip it at a DST change)")]
    Skipped { text: String, zone: &'static str },
    #[error("'{0}' is not a timestamp")]
    NotATimestamp(String),
    /// An offset (as written, quoted or a number) beyond [`MAX_OFFSET_SECONDS`].
    #[error(
        "{0} is out of range: `at` is at most {max} hours (about 31,700 years) before or after the start",
        max = thousands((MAX_OFFSET_SECONDS / 3600.0) as u64)
    )]
    OutOfRange(String),
    #[error("'{text}' has a space inside: write `{joined}`")]
    Spaced { text: String, joined: String },
    #[error(
        "'{0}' is not a duration: write units from largest to smallest, each once (2d3h, 43h11m, 90m)"
    )]
    UnitOrder(String),
    #[error("'{0}' is neither hours (9.5), a duration (90m, 43h11m, 2d3h) nor a timestamp")]
    NotAnAt(String),
}

/// Where an `at` points: an offset from the incident's start, or an absolute instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    Offset(Duration),
    Absolute(Instant),
}

impl At {
    pub(crate) fn resolve(self, start: Instant) -> Instant {
        match self {
            At::Offset(d) => start + d,
            At::Absolute(t) => t,
        }
    }
}

/// Hours as written (`9.5`) to a duration, to the second.
pub(crate) fn hours(value: f64) -> Option<Duration> {
    let seconds = (value * 3600.0).round();
    (value.is_finite() && seconds.abs() < MAX_OFFSET_SECONDS)
        .then(|| Duration::seconds(seconds as i64))
}

/// `at` written as text: a number of hours, a duration (`90m`, `43h11m`, `2d3h`, `-48h`) or a
/// timestamp.
pub(crate) fn parse_at(text: &str, zone: SiteZone) -> Result<At, TimeError> {
    let text = text.trim();
    let quoted = || format!("'{text}'");
    if let Ok(value) = text.parse::<f64>() {
        return hours(value)
            .map(At::Offset)
            .ok_or_else(|| TimeError::OutOfRange(quoted()));
    }
    if let Some(duration) = parse_duration(text) {
        return Ok(At::Offset(duration));
    }
    parse_timestamp(text, zone).map(At::Absolute).map_err(|e| {
        if let TimeError::Skipped { .. } = e {
            return e;
        }
        if duration_seconds(text).is_some() {
            return TimeError::OutOfRange(quoted());
        }
        let joined: String = text.split_whitespace().collect();
        if joined != text && parse_duration(&joined).is_some() {
            return TimeError::Spaced {
                text: text.to_string(),
                joined,
            };
        }
        if text.chars().any(|c| c.is_ascii_digit())
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        {
            return TimeError::UnitOrder(text.to_string());
        }
        TimeError::NotAnAt(text.to_string())
    })
}

/// The most seconds an offset from the start may have, either way: about 31,700 years.
const MAX_OFFSET_SECONDS: f64 = 1e12;

/// A number as short as it reads: `1e308` rather than its 309 digits.
pub(crate) fn short_number(value: f64) -> String {
    if value.is_finite() && value.abs() < 1e9 {
        value.to_string()
    } else {
        format!("{value:e}")
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `2d3h`, `43h11m`, `90m`, `30s`, `1.5h`, with an optional leading `-`.
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let total = duration_seconds(text)?;
    (total.abs() < MAX_OFFSET_SECONDS).then(|| Duration::seconds(total.round() as i64))
}

/// The seconds of a duration as written, however many.
fn duration_seconds(text: &str) -> Option<f64> {
    let (negative, mut rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if rest.is_empty() {
        return None;
    }
    let mut total = 0.0_f64;
    let mut last_unit = 0;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let value: f64 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?;
        let (rank, seconds) = match unit {
            'd' => (4, 86_400.0),
            'h' => (3, 3_600.0),
            'm' => (2, 60.0),
            's' => (1, 1.0),
            _ => return None,
        };
        // Units must shrink from left to right: `3h2d` is a typo, not a duration.
        if last_unit != 0 && rank >= last_unit {
            return None;
        }
        last_unit = rank;
        total += value * seconds;
        rest = &rest[digits + 1..];
    }
    Some(if negative { -total } else { total })
}

/// Hours as people write them: `43`, `9.5`, `10.02`, `-48`.
pub(crate) fn format_hours(value: f64) -> String {
    // Integer arithmetic: `{:.2}` takes the slow exact path of float formatting.
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let (whole, frac) = (hundredths.abs() / 100, hundredths.abs() % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// Hours since `start`, as a float, for axes and labels.
pub(crate) fn hours_since(start: Instant, t: Instant) -> f64 {
    (t - start).num_seconds() as f64 / 3600.0
}

pub(crate) fn from_unix(seconds: i64) -> Option<Instant> {
    DateTime::from_timestamp(seconds, 0)
}

pub(crate) fn format_rfc3339(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_out_of_range_or_with_a_space_says_so() {
        let zone = SiteZone::default();
        let far = parse_at("99999999d", zone).unwrap_err().to_string();
        assert!(
            far.starts_with("'99999999d' is out of range: `at` is at most 277,777,777 hours"),
            "{far}"
        );
        let huge = parse_at("1e308", zone).unwrap_err().to_string();
        assert!(huge.starts_with("'1e308' is out of range"), "{huge}");
        assert_eq!(short_number(1e308), "1e308");
        assert_eq!(short_number(9.5), "9.5");
        let spaced = parse_at("2h 30m", zone).unwrap_err();
        assert_eq!(
            spaced.to_string(),
            "'2h 30m' has a space inside: write `2h30m`"
        );
        assert_eq!(
            parse_at("3h2d", zone).unwrap_err(),
            TimeError::UnitOrder("3h2d".into())
        );
        assert!(
            parse_at("3h2d", zone)
                .unwrap_err()
                .to_string()
                .contains("largest to smallest")
        );
        assert_eq!(parse_duration("2h30m"), Some(Duration::minutes(150)));
    }

    fn seoul() -> SiteZone {
        SiteZone::parse("Asia/Seoul").unwrap()
    }

    #[test]
    fn at_spellings() {
        let z = seoul();
        assert_eq!(parse_at("9.5", z), Ok(At::Offset(Duration::minutes(570))));
        assert_eq!(parse_at("90m", z), Ok(At::Offset(Duration::minutes(90))));
        assert_eq!(
            parse_at("43h11m", z),
            Ok(At::Offset(Duration::minutes(43 * 60 + 11)))
        );
        assert_eq!(parse_at("2d3h", z), Ok(At::Offset(Duration::hours(51))));
        assert_eq!(parse_at("-48h", z), Ok(At::Offset(Duration::hours(-48))));
        let abs = parse_at("2022-10-17T10:30:00+09:00", z).unwrap();
        let naive = parse_at("2022-10-17T10:30:00", z).unwrap();
        assert_eq!(abs, naive);
        assert!(parse_at("3h2d", z).is_err());
        assert!(parse_at("soon", z).is_err());
    }

    #[test]
    fn naive_timestamps_follow_the_zone() {
        let t = parse_timestamp("2022-10-15 15:30", seoul()).unwrap();
        assert_eq!(
            t,
            parse_timestamp("2022-10-15T06:30:00Z", SiteZone::default()).unwrap()
        );
    }

    #[test]
    fn dst_gap_is_an_error_and_overlap_takes_the_earlier() {
        let berlin = SiteZone::parse("Europe/Berlin").unwrap();
        assert!(parse_timestamp("2024-03-31T02:30:00", berlin).is_err());
        let overlap = parse_timestamp("2024-10-27T02:30:00", berlin).unwrap();
        assert_eq!(
            overlap,
            parse_timestamp("2024-10-27T02:30:00+02:00", berlin).unwrap()
        );
    }

    #[test]
    fn days_across_dst_have_23_and_25_hours() {
        let ny = SiteZone::parse("America/New_York").unwrap();
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let spring = ny.start_of_day(d("2024-03-11")) - ny.start_of_day(d("2024-03-10"));
        let fall = ny.start_of_day(d("2024-11-04")) - ny.start_of_day(d("2024-11-03"));
        assert_eq!(spring, Duration::hours(23));
        assert_eq!(fall, Duration::hours(25));
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Every second from the start of `first` to the start of the day after `last` is in
    /// the day `date_of` says, and only there.
    fn assert_days_tile(zone: &str, first: &str, last: &str) {
        let z = SiteZone::parse(zone).unwrap();
        let mut date = d(first);
        while date <= d(last) {
            let (start, end) = (
                z.start_of_day(date),
                z.start_of_day(date.succ_opt().unwrap()),
            );
            if z.has_day(date) {
                assert_eq!(z.date_of(start), date, "{zone} {date} starts in its day");
                assert_eq!(
                    z.date_of(end - Duration::seconds(1)),
                    date,
                    "{zone} {date} ends in its day"
                );
                assert!(
                    z.date_of(start - Duration::seconds(1)) < date,
                    "{zone} {date}"
                );
            } else {
                assert_eq!(start, end, "{zone}: the skipped {date} holds no instant");
            }
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn days_tile_time_across_dst_changes_and_skipped_days() {
        assert_days_tile("America/New_York", "2024-03-08", "2024-03-12");
        assert_days_tile("America/New_York", "2024-11-01", "2024-11-05");
        // Clocks go from 00:00 to 01:00: the day starts at 01:00.
        assert_days_tile("America/Sao_Paulo", "2018-11-02", "2018-11-06");
        // Half-hour DST.
        assert_days_tile("Australia/Lord_Howe", "2024-04-05", "2024-04-09");
        assert_days_tile("Pacific/Apia", "2011-12-27", "2012-01-02");
        assert_days_tile("Asia/Kathmandu", "1985-12-30", "1986-01-02");
    }

    #[test]
    fn a_skipped_day_does_not_exist_and_takes_no_time() {
        let apia = SiteZone::parse("Pacific/Apia").unwrap();
        assert!(!apia.has_day(d("2011-12-30")));
        assert!(apia.has_day(d("2011-12-29")) && apia.has_day(d("2011-12-31")));
        // 29 December 2011 had its 24 hours, at UTC-10, then came 31 December at UTC+14.
        assert_eq!(
            apia.start_of_day(d("2011-12-30")) - apia.start_of_day(d("2011-12-29")),
            Duration::hours(24)
        );
        assert_eq!(
            apia.start_of_day(d("2011-12-30")),
            apia.start_of_day(d("2011-12-31"))
        );
        let sao_paulo = SiteZone::parse("America/Sao_Paulo").unwrap();
        assert_eq!(
            sao_paulo.start_of_day(d("2018-11-04")),
            parse_timestamp("2018-11-04T01:00:00-02:00", SiteZone::default()).unwrap()
        );
    }

    #[test]
    fn floats_trim_like_people_write_them() {
        assert_eq!(format_hours(43.0), "43");
        assert_eq!(format_hours(9.5), "9.5");
        assert_eq!(format_hours(10.0167), "10.02");
        assert_eq!(format_hours(-48.0), "-48");
        assert_eq!(format_hours(127.5), "127.5");
        assert_eq!(format_hours(0.05), "0.05");
    }
}
