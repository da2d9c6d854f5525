use super::*;
use crate::model::SiteZone;
use crate::model::time::parse_timestamp;
use crate::render::Ui;
use crate::render::fixture::ui as builtin;

fn t(text: &str) -> Instant {
    parse_timestamp(text, SiteZone::default()).unwrap()
}

fn fmt<'a>(ui: &'a Ui, zone: &str) -> Formatter<'a> {
    ui.formatter(SiteZone::parse(zone).unwrap())
}

/// Each label with its context in brackets; CLDR's narrow no-break spaces (`6:00 AM`) read
/// as plain ones.
fn texts(labels: &[Label]) -> Vec<String> {
    labels
        .iter()
        .map(|l| match &l.context {
            Some(c) => format!("{} [{c}]", l.text),
            None => l.text.clone(),
        })
        .map(|text| text.replace('\u{202f}', " "))
        .collect()
}

/// The unit of an elapsed label: what is left without digits and signs.
fn unit_of(text: &str) -> String {
    text.trim_start_matches('+')
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim()
        .to_string()
}

const SPANS: [(&str, i64); 14] = [
    ("10 minutes", 10),
    ("1 hour", 60),
    ("6 hours", 6 * 60),
    ("hour 43", 43 * 60),
    ("127.5 hours", 127 * 60 + 30),
    ("10 days", 10 * 1440),
    ("30 days", 30 * 1440),
    ("100 days", 100 * 1440),
    ("1 year", 365 * 1440),
    ("2 years", 730 * 1440),
    ("10 years", 3652 * 1440),
    ("20 years", 7305 * 1440),
    ("37 years", 13514 * 1440),
    ("50 years", 18262 * 1440),
];

#[test]
fn every_span_from_ten_minutes_to_fifty_years_gets_a_few_labels_in_one_unit() {
    let en = builtin("en");
    let f = fmt(&en, "Europe/Berlin");
    let start = t("2015-03-01T08:50:00Z");
    for (name, minutes) in SPANS {
        let end = start + Duration::minutes(minutes);
        for (max, mode) in [(MAX_WIDE, "wide"), (MAX_NARROW, "narrow")] {
            for (axis, labels) in [
                ("elapsed", elapsed_labels(&f, start, end, max)),
                ("clock", clock_labels(&f, start, end, max)),
            ] {
                let what = format!("{name}, {mode}, {axis}: {:?}", texts(&labels));
                assert!(labels.len() >= 2 && labels.len() <= max, "{what}");
                assert!(labels.windows(2).all(|w| w[0].frac < w[1].frac), "{what}");
                assert!(
                    labels.iter().all(|l| (0.0..=1.0).contains(&l.frac)),
                    "{what}"
                );
            }
            let elapsed = elapsed_labels(&f, start, end, max);
            assert_eq!(elapsed[0].text, "start");
            let units: Vec<String> = elapsed[1..].iter().map(|l| unit_of(&l.text)).collect();
            assert!(
                units.windows(2).all(|w| w[0] == w[1]),
                "{name}, {mode}: one unit per axis: {units:?}"
            );
        }
    }
}

#[test]
fn steps_are_round() {
    let en = builtin("en");
    let f = fmt(&en, "UTC");
    let start = t("2022-10-15T06:30:00Z");
    let elapsed = |minutes: i64, max| {
        texts(&elapsed_labels(
            &f,
            start,
            start + Duration::minutes(minutes),
            max,
        ))
    };
    assert_eq!(
        elapsed(10, MAX_WIDE),
        [
            "start", "+1 min", "+2 min", "+3 min", "+4 min", "+5 min", "+6 min", "+7 min",
            "+8 min", "+9 min", "+10 min"
        ]
    );
    assert_eq!(
        elapsed(10, MAX_NARROW),
        ["start", "+2 min", "+4 min", "+6 min", "+8 min", "+10 min"]
    );
    assert_eq!(
        elapsed(127 * 60 + 30, MAX_WIDE),
        [
            "start", "+12 h", "+24 h", "+36 h", "+48 h", "+60 h", "+72 h", "+84 h", "+96 h",
            "+108 h", "+120 h"
        ]
    );
    assert_eq!(
        elapsed(127 * 60 + 30, MAX_NARROW),
        ["start", "+24 h", "+48 h", "+72 h", "+96 h", "+120 h"]
    );
    assert_eq!(
        elapsed(7305 * 1440, MAX_WIDE),
        [
            "start", "+2 y", "+4 y", "+6 y", "+8 y", "+10 y", "+12 y", "+14 y", "+16 y", "+18 y",
            "+20 y"
        ]
    );
}

#[test]
fn the_kakao_clock_at_hour_43_has_dates_where_days_change() {
    let ko = builtin("ko");
    let f = fmt(&ko, "Asia/Seoul");
    let start = t("2022-10-15T06:30:00Z");
    let labels = clock_labels(&f, start, start + Duration::hours(43), MAX_WIDE);
    assert_eq!(
        texts(&labels),
        [
            "오후 6:00 [10월 15일]",
            "오전 12:00 [10월 16일]",
            "오전 6:00",
            "오후 12:00",
            "오후 6:00",
            "오전 12:00 [10월 17일]",
            "오전 6:00"
        ]
    );
}

#[test]
fn years_show_where_spans_cross_them() {
    let en = builtin("en");
    let f = fmt(&en, "UTC");
    let hours = clock_labels(
        &f,
        t("2024-12-30T20:00:00Z"),
        t("2025-01-01T10:00:00Z"),
        MAX_WIDE,
    );
    assert_eq!(
        texts(&hours),
        [
            "12:00 AM [Dec 31, 2024]",
            "6:00 AM",
            "12:00 PM",
            "6:00 PM",
            "12:00 AM [Jan 1, 2025]",
            "6:00 AM"
        ]
    );
    let days = clock_labels(
        &f,
        t("2024-12-20T00:00:00Z"),
        t("2025-01-08T00:00:00Z"),
        MAX_WIDE,
    );
    assert!(
        texts(&days).contains(&"Dec 21 [2024]".to_string()) || texts(&days)[0].ends_with("[2024]"),
        "{:?}",
        texts(&days)
    );
    assert!(
        texts(&days).iter().any(|l| l.ends_with("[2025]")),
        "{:?}",
        texts(&days)
    );
    // Within one year, dates need no year.
    let plain = clock_labels(
        &f,
        t("2024-03-01T00:00:00Z"),
        t("2024-03-20T00:00:00Z"),
        MAX_WIDE,
    );
    assert!(
        plain.iter().all(|l| l.context.is_none()),
        "{:?}",
        texts(&plain)
    );
    let months = clock_labels(
        &f,
        t("2024-08-10T00:00:00Z"),
        t("2025-05-01T00:00:00Z"),
        MAX_WIDE,
    );
    assert_eq!(
        texts(&months),
        [
            "Sep [2024]",
            "Oct",
            "Nov",
            "Dec",
            "Jan [2025]",
            "Feb",
            "Mar",
            "Apr",
            "May"
        ]
    );
    let decades = clock_labels(
        &f,
        t("2010-01-01T00:00:00Z"),
        t("2030-01-01T00:00:00Z"),
        MAX_WIDE,
    );
    assert_eq!(
        texts(&decades),
        [
            "2010", "2012", "2014", "2016", "2018", "2020", "2022", "2024", "2026", "2028", "2030"
        ]
    );
}

#[test]
fn clock_ticks_follow_local_days_across_dst() {
    let en = builtin("en");
    let f = fmt(&en, "Europe/Berlin");
    // 2024-03-31: clocks skip 02:00–03:00 in Berlin.
    let ticks = clock_ticks(
        &f,
        t("2024-03-30T23:00:00Z"),
        t("2024-03-31T04:00:00Z"),
        step(Hour, 1),
    );
    let local: Vec<String> = ticks
        .iter()
        .map(|t| f.zone.local(*t).format("%H:%M").to_string())
        .collect();
    assert_eq!(
        local,
        ["00:00", "01:00", "03:00", "04:00", "05:00", "06:00"]
    );
}

/// Every round local time of every day the span touches, kept when inside: what the ticks
/// of minutes and hours must equal, however the walk is cut short.
fn every_round_time(f: &Formatter, start: Instant, end: Instant, minutes: u32) -> Vec<Instant> {
    let (first, last) = (f.zone.date_of(start), f.zone.date_of(end));
    let mut out: Vec<Instant> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .flat_map(|date| {
            (0..1440 / minutes).filter_map(move |k| {
                let midnight = date.and_hms_opt(0, 0, 0).unwrap();
                f.zone
                    .resolve(midnight + chrono::Duration::minutes(i64::from(k * minutes)))
            })
        })
        .filter(|t| *t >= start && *t <= end)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn short_spans_walk_only_their_own_ticks_across_dst_changes() {
    let en = builtin("en");
    let cases = [
        ("Europe/Berlin", "2024-03-31T00:17:00Z"),
        ("Europe/Berlin", "2024-10-27T00:10:00Z"),
        ("America/New_York", "2024-11-03T05:01:00Z"),
        ("America/New_York", "2024-03-10T06:29:00Z"),
        ("Australia/Lord_Howe", "2024-04-06T14:45:00Z"),
        ("Pacific/Apia", "2011-12-29T09:00:00Z"),
        ("Asia/Seoul", "2022-10-15T06:30:00Z"),
    ];
    let spans = [7, 26, 95, 170, 600, 1500, 3000, 9000, 40000];
    let steps = [
        (Minute, 1),
        (Minute, 5),
        (Minute, 30),
        (Hour, 1),
        (Hour, 3),
        (Hour, 12),
    ];
    for (zone, at) in cases {
        let f = fmt(&en, zone);
        for shift in [-600, -61, 0, 59, 301] {
            let start = t(at) + chrono::Duration::minutes(shift);
            for span in spans {
                let end = start + chrono::Duration::minutes(span);
                for (unit, every) in steps {
                    let minutes = if unit == Hour { every * 60 } else { every };
                    assert_eq!(
                        clock_ticks(&f, start, end, step(unit, every)),
                        every_round_time(&f, start, end, minutes),
                        "{zone} {start} +{span} min every {every} {unit:?}"
                    );
                }
            }
        }
    }
}

/// Skipping the steps estimated past `max + 2` ticks never skips the step that would have
/// been chosen: the same choice as trying every step up to twice as many, on both axes, for
/// every span, in zones with and without DST.
#[test]
fn the_estimate_skips_only_steps_that_are_too_fine() {
    let en = builtin("en");
    for zone in ["UTC", "Europe/Berlin", "Asia/Kathmandu", "America/St_Johns"] {
        let f = fmt(&en, zone);
        for start in [
            "2015-03-01T08:50:00Z",
            "2020-10-24T23:59:00Z",
            "2016-02-28T00:00:00Z",
        ] {
            let start = t(start);
            for (name, minutes) in SPANS {
                let end = start + Duration::minutes(minutes);
                for max in [MAX_WIDE, MAX_NARROW] {
                    let loose = 2 * max as i64 + 2;
                    let clock = |s| clock_ticks(&f, start, end, s);
                    let elapsed = |s| elapsed_ticks(start, end, s);
                    assert_eq!(
                        choose(&CLOCK, start, end, max, clock),
                        choose_below(&CLOCK, (start, end), max, loose, clock),
                        "clock, {name} in {zone}, at most {max}"
                    );
                    assert_eq!(
                        choose(&ELAPSED, start, end, max, elapsed),
                        choose_below(&ELAPSED, (start, end), max, loose, elapsed),
                        "elapsed, {name} in {zone}, at most {max}"
                    );
                }
            }
        }
    }
}

#[test]
fn both_layouts_at_once_are_each_layout_alone() {
    let en = builtin("en");
    for zone in ["UTC", "Europe/Berlin", "Asia/Seoul"] {
        let f = fmt(&en, zone);
        // Across a DST change in Berlin, and from minutes to decades; the second start finds
        // the axes of time since the start kept from the first, where they may be.
        for start in [t("2015-03-28T22:50:00Z"), t("2016-01-31T10:00:00Z")] {
            for (name, minutes) in SPANS {
                let end = start + Duration::minutes(minutes);
                let alone = |labels: fn(&Formatter, Instant, Instant, usize) -> Vec<Label>| {
                    (
                        labels(&f, start, end, MAX_WIDE),
                        labels(&f, start, end, MAX_NARROW),
                    )
                };
                assert_eq!(
                    *elapsed_both(&f, start, end),
                    alone(elapsed_labels),
                    "{zone}, {start}, {name}"
                );
                assert_eq!(
                    clock_both(&f, start, end),
                    alone(clock_labels),
                    "{zone}, {start}, {name}"
                );
            }
        }
    }
}
