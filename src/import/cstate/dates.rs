//! Dates as Hugo reads them (front matter `date`, `resolvedWhen`, and the `track`
//! shortcode's argument): RFC 3339 with or without fractions, the same with a space, naive
//! date-times read in the site's timezone, bare dates, and the RFC 1123/822 forms.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::import::to_second;
use crate::model::{Instant, SiteZone};

pub(super) fn parse(text: &str, zone: SiteZone) -> Option<Instant> {
    let text = text.trim();
    let with_offset = DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| DateTime::parse_from_rfc2822(text).ok())
        .or_else(|| {
            const ZONED: [&str; 6] = [
                "%Y-%m-%d %H:%M:%S%.f%:z",
                "%Y-%m-%d %H:%M:%S%.f %:z",
                "%Y-%m-%d %H:%M:%S%.f %z",
                "%Y-%m-%dT%H:%M:%S%.f%z",
                "%d %b %y %H:%M %z",
                "%d %b %Y %H:%M %z",
            ];
            ZONED
                .iter()
                .find_map(|f| DateTime::parse_from_str(text, f).ok())
        });
    if let Some(t) = with_offset {
        return Some(to_second(t.to_utc()));
    }
    let utc = text.strip_suffix('Z').or_else(|| text.strip_suffix(" UTC"));
    const NAIVE: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    let naive = |t: &str| {
        NAIVE
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    };
    if let Some(t) = utc.and_then(naive) {
        return Some(to_second(t.and_utc()));
    }
    if let Some(t) = naive(text) {
        // A time a DST change skips is read with the offset before it, as Go (and so Hugo)
        // does: 02:30 on a spring-forward night is 03:30.
        let hour = chrono::Duration::hours(1);
        let resolved = zone
            .resolve(t)
            .or_else(|| zone.resolve(t - hour).map(|t| t + hour));
        return resolved.map(to_second);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .map(|d| zone.start_of_day(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::t;

    #[test]
    fn the_spellings_hugo_reads() {
        let oslo = SiteZone::parse("Europe/Oslo").unwrap();
        let utc = SiteZone::default();
        let berlin = SiteZone::parse("Europe/Berlin").unwrap();
        let cases = [
            ("2018-04-13 17:30:00", utc, "2018-04-13T17:30:00Z"),
            ("2018-04-13 17:30:00", oslo, "2018-04-13T15:30:00Z"),
            ("2024-12-27T09:43:40.482Z", oslo, "2024-12-27T09:43:40Z"),
            ("2024-12-27T09:44:00.481Z", utc, "2024-12-27T09:44:00Z"),
            ("2023-04-16T18:34:00Z", utc, "2023-04-16T18:34:00Z"),
            ("2023-04-16T18:34:00+02:00", utc, "2023-04-16T16:34:00Z"),
            ("2023-04-16 18:34:00 +02:00", utc, "2023-04-16T16:34:00Z"),
            ("2023-04-16 18:34:00.5 +0200", utc, "2023-04-16T16:34:00Z"),
            ("2019-10-05 16:24:00 ", utc, "2019-10-05T16:24:00Z"),
            ("2019-10-05T16:24", oslo, "2019-10-05T14:24:00Z"),
            ("2019-10-05 16:24", utc, "2019-10-05T16:24:00Z"),
            ("2019-10-05", oslo, "2019-10-04T22:00:00Z"),
            ("24 Feb 21 12:35 +0200", utc, "2021-02-24T10:35:00Z"),
            ("2024-03-31 02:45:00", berlin, "2024-03-31T01:45:00Z"),
            (
                "Wed, 24 Feb 2021 12:35:00 +0200",
                utc,
                "2021-02-24T10:35:00Z",
            ),
        ];
        for (text, zone, expected) in cases {
            assert_eq!(parse(text, zone), Some(t(expected)), "{text}");
        }
        assert_eq!(parse("next tuesday", utc), None);
        assert_eq!(parse("", utc), None);
    }
}
