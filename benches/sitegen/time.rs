//! Time without a date library: Asia/Seoul is a fixed +09:00 offset, dates are computed with
//! Howard Hinnant's civil-calendar algorithms, and `at` is written in the format's spellings.

use std::fmt::Write as _;

use super::NOW;

/// The site's timezone, Asia/Seoul, has had no daylight saving since 1988: a fixed offset.
pub(super) const OFFSET_SECONDS: i64 = 9 * 3600;
pub(super) const MINUTE: i64 = 60;
pub(super) const HOUR: i64 = 3600;
pub(super) const DAY: i64 = 86_400;

/// `1.5`, `3`: hours for minutes divisible by 3 (exact in two decimals).
pub(super) fn hours(minutes: i64) -> String {
    let text = format!("{:.2}", minutes as f64 / 60.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `45m`, `2h15m`, `1d2h30m`.
pub(super) fn duration(minutes: i64) -> String {
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut out = String::new();
    for (value, unit) in [(d, 'd'), (h, 'h'), (m, 'm')] {
        if value != 0 {
            let _ = write!(out, "{value}{unit}");
        }
    }
    if out.is_empty() { "0".into() } else { out }
}

/// Unix seconds as `2024-03-10T14:05:00+09:00`.
pub(super) fn timestamp(unix: i64) -> String {
    let local = unix + OFFSET_SECONDS;
    let (y, mo, d) = civil_from_days(local.div_euclid(DAY));
    let secs = local.rem_euclid(DAY);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}+09:00",
        secs / HOUR,
        secs % HOUR / MINUTE,
        secs % MINUTE
    )
}

/// [`NOW`] as unix seconds.
pub(super) fn now_unix() -> i64 {
    let (date, time) = NOW.split_at(10);
    let part = |s: &str, range: std::ops::Range<usize>| -> i64 { s[range].parse().unwrap_or(0) };
    let days = days_from_civil(part(date, 0..4), part(date, 5..7), part(date, 8..10));
    days * DAY + part(time, 1..3) * HOUR + part(time, 4..6) * MINUTE + part(time, 7..9)
        - OFFSET_SECONDS
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(super) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01.
pub(super) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
