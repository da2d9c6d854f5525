//! `at` as written by the editing commands: time since `started`, in the form the
//! neighbouring entries use.

use chrono::Duration;

use crate::model::time::format_hours;

/// How a file writes `at`: hours (`43`, `9.5`) or durations (`43h`, `43h15m`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AtStyle {
    Hours,
    Duration,
}

impl AtStyle {
    /// The style of an `at` as written (timestamps read as durations); none for `0`, which
    /// both styles write alike.
    pub(crate) fn of(written: &str) -> Option<AtStyle> {
        match written.trim().parse::<f64>() {
            Ok(0.0) => None,
            Ok(_) => Some(AtStyle::Hours),
            Err(_) => Some(AtStyle::Duration),
        }
    }
}

/// `offset` in `style`. Hours are used only when they are exact with two decimals
/// (`43.25`); otherwise, and for durations, `43h15m` (never days: hours read better).
pub(crate) fn format_at(offset: Duration, style: AtStyle) -> String {
    let seconds = offset.num_seconds();
    if seconds == 0 {
        return "0".to_string();
    }
    if style == AtStyle::Hours && seconds % 36 == 0 {
        return format_hours(seconds as f64 / 3600.0);
    }
    let sign = if seconds < 0 { "-" } else { "" };
    let total = seconds.unsigned_abs();
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    let mut out = sign.to_string();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_duration;

    #[test]
    fn durations_in_hours_and_minutes() {
        let d = |m: i64| Duration::minutes(m);
        assert_eq!(format_at(d(43 * 60), AtStyle::Duration), "43h");
        assert_eq!(format_at(d(43 * 60 + 15), AtStyle::Duration), "43h15m");
        assert_eq!(format_at(d(15), AtStyle::Duration), "15m");
        assert_eq!(format_at(d(0), AtStyle::Duration), "0");
        assert_eq!(format_at(d(-48 * 60), AtStyle::Duration), "-48h");
        assert_eq!(
            format_at(Duration::seconds(3725), AtStyle::Duration),
            "1h2m5s"
        );
    }

    #[test]
    fn hours_when_exact() {
        let d = |m: i64| Duration::minutes(m);
        assert_eq!(format_at(d(43 * 60), AtStyle::Hours), "43");
        assert_eq!(format_at(d(43 * 60 + 15), AtStyle::Hours), "43.25");
        assert_eq!(format_at(d(9 * 60 + 6), AtStyle::Hours), "9.1");
        assert_eq!(format_at(d(10 * 60 + 10), AtStyle::Hours), "10h10m");
    }

    #[test]
    fn written_forms_read_back() {
        for minutes in [1, 59, 60, 61, 2581, 7650, -2880] {
            let offset = Duration::minutes(minutes);
            let text = format_at(offset, AtStyle::Duration);
            assert_eq!(parse_duration(&text), Some(offset), "{text}");
        }
        assert_eq!(AtStyle::of("9.5"), Some(AtStyle::Hours));
        assert_eq!(AtStyle::of("0"), None);
        assert_eq!(AtStyle::of("90m"), Some(AtStyle::Duration));
        assert_eq!(
            AtStyle::of("2025-06-07T10:00:00+02:00"),
            Some(AtStyle::Duration)
        );
    }
}
