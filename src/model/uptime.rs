//! Uptime history: one bucket per calendar day in the site's timezone, the worst state of
//! the day, and the share of time up, weighted as Statuspage does. Days before a service
//! has data are "no data", never invented green.

use chrono::NaiveDate;

use super::site::{Site, UptimeWeights};
use super::state::State;
use super::time::{Instant, SiteZone};

#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    /// `None` before the service has data.
    pub worst: Option<State>,
    /// Percent up, 0–100; `None` without data.
    pub uptime: Option<f64>,
    /// Indices into `Site::incidents` of incidents that impaired the service this day.
    pub incidents: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub days: Vec<Day>,
    /// Percent up over the days with data.
    pub percent: Option<f64>,
}

/// A stretch of one state, from one incident.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    from: Instant,
    to: Instant,
    state: State,
    incident: usize,
}

/// One calendar day of the site's timezone, as the instants it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LocalDay {
    pub date: NaiveDate,
    pub start: Instant,
    /// The start of the next day, or "now" for today.
    pub end: Instant,
}

/// The last `days` days of the site's calendar up to the day of `now`, oldest first: days
/// the timezone skips are not among them, and each instant is in the day that holds it.
pub(crate) fn window(zone: SiteZone, now: Instant, days: u32) -> Vec<LocalDay> {
    let wanted = days.max(1) as usize;
    let mut out: Vec<LocalDay> = Vec::with_capacity(wanted);
    let mut date = zone.date_of(now);
    let mut end = now;
    // A zone skips a day or two at most, once in a long while: the bound only guards
    // against a calendar without an end.
    for _ in 0..wanted * 2 + 8 {
        if out.len() == wanted {
            break;
        }
        let start = zone.start_of_day(date);
        if zone.has_day(date) {
            out.push(LocalDay { date, start, end });
            end = start;
        }
        match date.pred_opt() {
            Some(previous) => date = previous,
            None => break,
        }
    }
    out.reverse();
    out
}

/// The last `days` days up to the day of `now`, for one service.
pub fn service_history(
    site: &Site,
    service: &str,
    now: Instant,
    days: u32,
    touching: &[usize],
) -> History {
    let days = window(site.config.zone, now, days);
    history_over(site, service, now, &days, touching)
}

/// One service's history over `days` (from [`window`]), which many services can share.
pub(crate) fn history_over(
    site: &Site,
    service: &str,
    now: Instant,
    days: &[LocalDay],
    touching: &[usize],
) -> History {
    let zone = site.config.zone;
    let window_start = days.first().map_or(now, |d| d.start);
    let spans = impaired_spans(site, service, now, window_start, touching);
    let data_from = data_start(site, service, touching, zone);
    let weights = site.config.uptime;
    let mut out = Vec::with_capacity(days.len());
    let (mut up_total, mut time_total) = (0.0, 0.0);
    for local in days {
        let (day, length) = bucket(local, data_from, &spans, &weights);
        if let (Some(up), Some(len)) = (day.uptime, length) {
            up_total += up / 100.0 * len;
            time_total += len;
        }
        out.push(day);
    }
    let percent = (time_total > 0.0).then(|| 100.0 * up_total / time_total);
    History { days: out, percent }
}

/// The day's worst state, uptime and incidents, and its length in seconds (elapsed part only
/// for today) when it has data.
fn bucket(
    local: &LocalDay,
    data_from: Option<NaiveDate>,
    spans: &[Span],
    w: &UptimeWeights,
) -> (Day, Option<f64>) {
    let LocalDay { date, start, end } = *local;
    let no_data = Day {
        date,
        worst: None,
        uptime: None,
        incidents: vec![],
    };
    if data_from.is_none_or(|from| date < from) || end <= start {
        return (no_data, None);
    }
    let length = (end - start).num_seconds() as f64;
    let mut worst = State::Operational;
    let mut incidents = Vec::new();
    let mut pieces: Vec<(Instant, Instant, State)> = Vec::new();
    for span in spans.iter().filter(|s| s.from < end && s.to > start) {
        worst = worst.max(span.state);
        if !incidents.contains(&span.incident) {
            incidents.push(span.incident);
        }
        pieces.push((span.from.max(start), span.to.min(end), span.state));
    }
    let down = weighted_downtime(&pieces, w);
    let uptime = (100.0 * (1.0 - down / length)).clamp(0.0, 100.0);
    incidents.sort_unstable();
    (
        Day {
            date,
            worst: Some(worst),
            uptime: Some(uptime),
            incidents,
        },
        Some(length),
    )
}

/// Seconds of downtime in possibly overlapping pieces: at each moment only the worst state
/// counts, so two incidents at once are not down twice.
fn weighted_downtime(pieces: &[(Instant, Instant, State)], w: &UptimeWeights) -> f64 {
    let mut cuts: Vec<Instant> = pieces.iter().flat_map(|p| [p.0, p.1]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|pair| {
            let worst = pieces
                .iter()
                .filter(|p| p.0 <= pair[0] && p.1 >= pair[1])
                .map(|p| p.2)
                .max()
                .unwrap_or(State::Operational);
            w.of(worst) * (pair[1] - pair[0]).num_seconds() as f64
        })
        .sum()
}

/// Non-operational stretches of `service` from the window start to `now`.
fn impaired_spans(
    site: &Site,
    service: &str,
    now: Instant,
    window_start: Instant,
    touching: &[usize],
) -> Vec<Span> {
    let mut spans = Vec::new();
    for &index in touching {
        let incident = &site.incidents[index];
        if incident.started > now || incident.end_at(now) < window_start {
            continue;
        }
        let Some(lane) = incident.lane(service) else {
            continue;
        };
        for segment in incident.segments(lane, now) {
            if segment.state.is_impaired() && segment.to > window_start {
                spans.push(Span {
                    from: segment.from,
                    to: segment.to,
                    state: segment.state,
                    incident: index,
                });
            }
        }
    }
    spans
}

/// The first day with data: the service's `since`, else the day of its first incident.
fn data_start(site: &Site, service: &str, touching: &[usize], zone: SiteZone) -> Option<NaiveDate> {
    let declared = site.service(service).and_then(|s| s.since);
    declared.or_else(|| {
        touching
            .iter()
            .map(|&i| site.incidents[i].started)
            .min()
            .map(|t| zone.date_of(t))
    })
}

/// For each service id, the indices of the incidents that name it, in site order.
pub fn incidents_by_service(site: &Site) -> std::collections::HashMap<&str, Vec<usize>> {
    let mut map: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (index, incident) in site.incidents.iter().enumerate() {
        for lane in &incident.lanes {
            map.entry(lane.service.as_str()).or_default().push(index);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::incident::tests::{incident, t};
    use crate::model::site::{Config, Service};

    fn site(zone: &str, incidents: Vec<crate::model::Incident>) -> Site {
        let config = Config {
            zone: SiteZone::parse(zone).unwrap(),
            ..Config::default()
        };
        Site {
            config,
            services: vec![Service::inferred("api")],
            incidents,
        }
    }

    fn history(s: &Site, now: &str, days: u32) -> History {
        let touching = incidents_by_service(s)
            .get("api")
            .cloned()
            .unwrap_or_default();
        service_history(s, "api", t(now), days, &touching)
    }

    fn day<'a>(h: &'a History, date: &str) -> &'a Day {
        h.days.iter().find(|d| d.date.to_string() == date).unwrap()
    }

    #[test]
    fn a_day_is_split_at_local_midnight() {
        // 23:00–01:00 Seoul time is two hours of major outage split over two local days.
        let mut i = incident(
            "a",
            "2024-03-10T14:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::MajorOutage), (2.0, State::Operational)],
            )],
        );
        i.resolved = Some(t("2024-03-10T16:00:00Z"));
        let s = site("Asia/Seoul", vec![i]);
        let h = history(&s, "2024-03-13T00:00:00Z", 5);
        let first = day(&h, "2024-03-10");
        let second = day(&h, "2024-03-11");
        assert_eq!(first.worst, Some(State::MajorOutage));
        assert!((first.uptime.unwrap() - (100.0 - 100.0 / 24.0)).abs() < 1e-9);
        assert!((second.uptime.unwrap() - (100.0 - 100.0 / 24.0)).abs() < 1e-9);
        assert_eq!(day(&h, "2024-03-12").uptime, Some(100.0));
        assert_eq!(
            day(&h, "2024-03-09").worst,
            None,
            "before the first incident there is no data"
        );
    }

    #[test]
    fn partial_outage_counts_at_thirty_percent_and_degraded_not_at_all() {
        let mut i = incident(
            "a",
            "2024-01-01T00:00:00Z",
            vec![(
                "api",
                vec![
                    (0.0, State::PartialOutage),
                    (10.0, State::Degraded),
                    (20.0, State::Operational),
                ],
            )],
        );
        i.resolved = Some(t("2024-01-01T20:00:00Z"));
        let s = site("UTC", vec![i]);
        let h = history(&s, "2024-01-02T00:00:00Z", 2);
        let d = day(&h, "2024-01-01");
        assert!((d.uptime.unwrap() - 100.0 * (1.0 - 3.0 / 24.0)).abs() < 1e-9);
        assert_eq!(d.worst, Some(State::PartialOutage));
    }

    #[test]
    fn overlapping_incidents_are_not_counted_twice() {
        let a = incident(
            "a",
            "2024-01-01T00:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::MajorOutage), (6.0, State::Operational)],
            )],
        );
        let b = incident(
            "b",
            "2024-01-01T03:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::MajorOutage), (6.0, State::Operational)],
            )],
        );
        let s = site("UTC", vec![a, b]);
        let h = history(&s, "2024-01-02T00:00:00Z", 2);
        let d = day(&h, "2024-01-01");
        assert!((d.uptime.unwrap() - 100.0 * (1.0 - 9.0 / 24.0)).abs() < 1e-9);
        assert_eq!(d.incidents, vec![0, 1]);
    }

    #[test]
    fn maintenance_does_not_count_as_downtime() {
        let mut m = incident(
            "m",
            "2024-01-01T00:00:00Z",
            vec![("api", vec![(0.0, State::Maintenance)])],
        );
        m.kind = crate::model::Kind::Maintenance;
        m.resolved = Some(t("2024-01-01T04:00:00Z"));
        let s = site("UTC", vec![m]);
        let h = history(&s, "2024-01-02T00:00:00Z", 2);
        let d = day(&h, "2024-01-01");
        assert_eq!(d.uptime, Some(100.0));
        assert_eq!(d.worst, Some(State::Maintenance));
    }

    #[test]
    fn an_incident_spanning_days_and_the_window_percent() {
        let mut i = incident(
            "a",
            "2024-01-01T12:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::MajorOutage), (48.0, State::Operational)],
            )],
        );
        i.resolved = Some(t("2024-01-03T12:00:00Z"));
        let s = site("UTC", vec![i]);
        let h = history(&s, "2024-01-05T00:00:00Z", 10);
        assert_eq!(day(&h, "2024-01-01").uptime, Some(50.0));
        assert_eq!(day(&h, "2024-01-02").uptime, Some(0.0));
        assert_eq!(day(&h, "2024-01-03").uptime, Some(50.0));
        assert_eq!(h.days.len(), 10);
        // 4 full days with data (Jan 1–4), 48 hours down: 50%.
        assert!((h.percent.unwrap() - 50.0).abs() < 1e-9, "{:?}", h.percent);
    }

    #[test]
    fn since_sets_where_data_begins() {
        let mut s = site("UTC", vec![]);
        s.services[0].since = NaiveDate::from_ymd_opt(2024, 1, 3);
        let h = history(&s, "2024-01-04T12:00:00Z", 4);
        assert_eq!(day(&h, "2024-01-02").worst, None);
        assert_eq!(day(&h, "2024-01-03").uptime, Some(100.0));
        assert_eq!(h.percent, Some(100.0));
    }

    #[test]
    fn a_dst_day_has_its_real_length() {
        // New York springs forward on 2024-03-10: that day has 23 hours.
        let mut i = incident(
            "a",
            "2024-03-10T05:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::MajorOutage), (2.3, State::Operational)],
            )],
        );
        i.resolved = Some(t("2024-03-10T07:18:00Z"));
        let s = site("America/New_York", vec![i]);
        let h = history(&s, "2024-03-12T00:00:00Z", 3);
        let d = day(&h, "2024-03-10");
        assert!(
            (d.uptime.unwrap() - 100.0 * (1.0 - 2.3 / 23.0)).abs() < 1e-9,
            "{:?}",
            d.uptime
        );
    }
    #[test]
    fn a_day_the_zone_skips_has_no_bar_and_its_neighbours_keep_their_hours() {
        // Samoa went from Thursday 29 to Saturday 31 December 2011. An outage in the last
        // hour of the 29th belongs to the 29th.
        let mut i = incident(
            "a",
            "2011-12-30T09:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::MajorOutage), (1.0, State::Operational)],
            )],
        );
        i.resolved = Some(t("2011-12-30T10:00:00Z"));
        let mut s = site("Pacific/Apia", vec![i]);
        s.services[0].since = NaiveDate::from_ymd_opt(2011, 12, 1);
        let h = history(&s, "2012-01-02T00:00:00Z", 5);
        let dates: Vec<String> = h.days.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2011-12-28",
                "2011-12-29",
                "2011-12-31",
                "2012-01-01",
                "2012-01-02"
            ]
        );
        let last_thursday = day(&h, "2011-12-29");
        assert_eq!(last_thursday.worst, Some(State::MajorOutage));
        assert!((last_thursday.uptime.unwrap() - (100.0 - 100.0 / 24.0)).abs() < 1e-9);
        assert_eq!(day(&h, "2011-12-31").uptime, Some(100.0));
        assert_eq!(day(&h, "2011-12-31").worst, Some(State::Operational));
    }

    #[test]
    fn the_days_of_a_window_follow_each_other_without_gaps() {
        for (zone, now) in [
            ("Pacific/Apia", "2012-01-05T00:00:00Z"),
            ("America/New_York", "2024-11-05T12:00:00Z"),
            ("America/Sao_Paulo", "2018-11-06T12:00:00Z"),
            ("Australia/Lord_Howe", "2024-04-09T12:00:00Z"),
        ] {
            let zone = SiteZone::parse(zone).unwrap();
            let days = window(zone, t(now), 10);
            assert_eq!(days.len(), 10, "{zone:?}");
            assert_eq!(days.last().unwrap().end, t(now));
            for pair in days.windows(2) {
                assert_eq!(pair[0].end, pair[1].start, "{zone:?} {}", pair[0].date);
            }
            for d in &days {
                assert_eq!(zone.date_of(d.start), d.date);
                assert_eq!(zone.date_of(d.end - chrono::Duration::seconds(1)), d.date);
            }
        }
    }

    #[test]
    fn a_day_of_25_hours_counts_its_extra_hour() {
        // New York falls back on 2024-11-03: that day has 25 hours.
        let mut i = incident(
            "a",
            "2024-11-03T05:00:00Z",
            vec![(
                "api",
                vec![(0.0, State::MajorOutage), (2.5, State::Operational)],
            )],
        );
        i.resolved = Some(t("2024-11-03T07:30:00Z"));
        let s = site("America/New_York", vec![i]);
        let h = history(&s, "2024-11-05T00:00:00Z", 3);
        let d = day(&h, "2024-11-03");
        assert!((d.uptime.unwrap() - 90.0).abs() < 1e-9, "{:?}", d.uptime);
        // An outage in the repeated hour (01:00–02:00 twice) is in the 3rd, not the 4th.
        assert_eq!(day(&h, "2024-11-04").uptime, Some(100.0));
    }
}
