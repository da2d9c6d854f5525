//! Uptime bars for templates: one cell per day, with its date, worst state, uptime and the
//! incidents behind it. A day with something to say (an incident or a maintenance) has a
//! place on its service's page, so that a tap or a keypress reaches what a tooltip would
//! show.

use chrono::NaiveDate;
use serde::Serialize;

use super::format::Formatter;
use super::links::{Link, incident_url, service_url};
use super::view::{StateView, Viewer};
use crate::model::uptime::{Day, History, LocalDay, history_over, window};
use crate::model::{Instant, Site, State};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UptimeView {
    /// Percent up over the days with data, two decimals (`99.72`), if any day has data.
    pub percent: Option<String>,
    /// The same as the site's language writes it, with the percent sign: `99.72%`, `99,72 %`.
    pub percent_text: Option<String>,
    /// The percentage with the days it covers: "Uptime 99.72% over 90 days", or "over 3
    /// days with data" when the service has data for part of the window only.
    pub summary: Option<String>,
    pub days: Vec<DayView>,
    /// "Uptime over the last 90 days".
    pub caption: String,
    pub first: String,
    pub last: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DayView {
    /// `YYYY-MM-DD` in the site's timezone.
    pub date: String,
    pub label: String,
    /// A state name, or `no_data`.
    pub state: &'static str,
    /// The worst state of the day; `None` without data.
    #[serde(skip)]
    pub worst: Option<State>,
    pub uptime: Option<String>,
    /// The uptime as the language writes it, with its sign: `72.92%`, `72,92 %`.
    pub uptime_text: Option<String>,
    /// One line for tooltips and screen readers.
    pub title: String,
    pub incidents: Vec<Link>,
    /// `day-YYYY-MM-DD`: the id of the day on its service's page, for a day with incidents
    /// or maintenance; null for the others.
    pub anchor: Option<String>,
    /// That place from the site root: `services/ID/index.html#day-YYYY-MM-DD`.
    pub url: Option<String>,
}

/// The uptime views of the services of a site over one window of days: the window and the
/// words for its days are made once, whatever the number of services.
pub(super) struct Bars<'a> {
    site: &'a Site,
    fmt: Formatter<'a>,
    now: Instant,
    days: u32,
    window: Vec<LocalDay>,
    labels: Vec<String>,
}

impl<'a> Bars<'a> {
    pub(super) fn new(site: &'a Site, fmt: Formatter<'a>, now: Instant) -> Bars<'a> {
        let days = site.config.history_days;
        let window = window(site.config.zone, now, days);
        let labels = window.iter().map(|d| fmt.date(d.date)).collect();
        Bars {
            site,
            fmt,
            now,
            days,
            window,
            labels,
        }
    }

    /// The bars of `service`, whose incidents are `touching` (indices into the site's).
    pub(super) fn view(&self, service: &str, touching: &[usize]) -> UptimeView {
        let history = history_over(self.site, service, self.now, &self.window, touching);
        let days = history
            .days
            .iter()
            .zip(&self.labels)
            .map(|(day, label)| self.day(service, day, label))
            .collect();
        summarise(&self.fmt, &history, days, self.days)
    }

    fn day(&self, service: &str, day: &Day, label: &str) -> DayView {
        let (fmt, s) = (self.fmt, self.fmt.strings);
        let incidents: Vec<Link> = day
            .incidents
            .iter()
            .map(|&i| &self.site.incidents[i])
            .map(|i| Link {
                title: i.title.clone(),
                url: incident_url(&i.slug),
            })
            .collect();
        let (state, uptime, uptime_text, mut title) = match (day.worst, day.uptime) {
            (Some(worst), Some(up)) => {
                let percent = fmt.percent(up);
                let title = s
                    .get("day_uptime")
                    .replace("{date}", label)
                    .replace("{state}", s.get(&format!("state_{}", worst.as_str())))
                    .replace("{uptime}", &percent);
                let text = s.get("percent").replace("{n}", &percent);
                (worst.as_str(), Some(two_decimals(up)), Some(text), title)
            }
            _ => (
                "no_data",
                None,
                None,
                s.get("day_no_data").replace("{date}", label),
            ),
        };
        for link in &incidents {
            title.push_str(" — ");
            title.push_str(&link.title);
        }
        let anchor = (!incidents.is_empty()).then(|| day_anchor(day.date));
        DayView {
            date: day.date.to_string(),
            label: label.to_string(),
            state,
            worst: day.worst,
            uptime,
            uptime_text,
            title,
            url: anchor
                .as_ref()
                .map(|a| format!("{}#{a}", service_url(service))),
            anchor,
            incidents,
        }
    }
}

/// `65.63` for 65.625: rounded as the language's text rounds it (half away from zero), where
/// `{:.2}` would round to even and say `65.62` beside "65.63%".
fn two_decimals(percent: f64) -> String {
    let hundredths = (percent * 100.0).round() as i64;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// `day-2022-10-15`: where a day is on its service's page.
pub(super) fn day_anchor(date: NaiveDate) -> String {
    format!("day-{date}")
}

/// A day with something to say, as its service's page lists it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct DayNote {
    /// `YYYY-MM-DD` in the site's timezone.
    pub date: String,
    /// `day-YYYY-MM-DD`, the element's id.
    pub anchor: String,
    pub label: String,
    /// The worst state of the day.
    pub state: StateView,
    pub uptime: Option<String>,
    pub uptime_text: Option<String>,
    /// "Uptime 72.92%", in the site's language.
    pub uptime_line: Option<String>,
    pub incidents: Vec<Link>,
}

/// The days of `uptime` with something to say, newest first: the list on a service's page
/// that its bars lead to.
pub(super) fn noted_days(viewer: &Viewer, uptime: &UptimeView) -> Vec<DayNote> {
    uptime
        .days
        .iter()
        .rev()
        .filter_map(|d| {
            Some(DayNote {
                anchor: d.anchor.clone()?,
                date: d.date.clone(),
                label: d.label.clone(),
                state: viewer.state(d.worst?),
                uptime: d.uptime.clone(),
                uptime_text: d.uptime_text.clone(),
                uptime_line: d.uptime_text.as_ref().map(|text| {
                    viewer
                        .strings
                        .get("day_uptime_text")
                        .replace("{uptime}", text)
                }),
                incidents: d.incidents.clone(),
            })
        })
        .collect()
}

fn summarise(fmt: &Formatter, history: &History, views: Vec<DayView>, days: u32) -> UptimeView {
    let s = fmt.strings;
    let with_data = views.iter().filter(|d| d.uptime.is_some()).count();
    let percent = history.percent.map(two_decimals);
    let key = if with_data as u32 >= days {
        "uptime_window"
    } else {
        "uptime_data_days"
    };
    UptimeView {
        summary: history.percent.map(|p| {
            fmt.fill(key, with_data as i64)
                .replace("{percent}", &fmt.percent(p))
        }),
        percent_text: history
            .percent
            .map(|p| s.get("percent").replace("{n}", &fmt.percent(p))),
        percent,
        caption: fmt.fill("uptime_days", days),
        first: views.first().map(|d| d.label.clone()).unwrap_or_default(),
        last: views.last().map(|d| d.label.clone()).unwrap_or_default(),
        days: views,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture::{site, t, ui};

    fn bars_of(service: &str, now: &str) -> UptimeView {
        let site = site();
        let ui = ui("en");
        let fmt = ui.formatter(site.config.zone);
        let bars = Bars::new(&site, fmt, t(now));
        let touching = crate::model::uptime::incidents_by_service(&site);
        bars.view(service, touching.get(service).map_or(&[], Vec::as_slice))
    }

    #[test]
    fn a_day_with_an_incident_leads_to_its_place_on_the_service_page() {
        let uptime = bars_of("api", "2024-03-05T00:00:00Z");
        let day = uptime.days.iter().find(|d| d.date == "2024-03-01").unwrap();
        assert_eq!(day.anchor.as_deref(), Some("day-2024-03-01"));
        assert_eq!(
            day.url.as_deref(),
            Some("services/api/index.html#day-2024-03-01")
        );
        assert_eq!(day.state, "major_outage");
        assert_eq!(day.uptime_text.as_deref(), Some("89.17%"));
        assert_eq!(
            day.title,
            "March 1, 2024: Major outage, 89.17% up — API <down> & out"
        );
        // A plain day, and a day before any data, have nowhere to lead.
        let plain = uptime.days.iter().find(|d| d.date == "2024-03-02").unwrap();
        assert_eq!((plain.anchor.as_ref(), plain.state), (None, "operational"));
        assert_eq!(uptime.days[0].state, "no_data");
        assert_eq!(uptime.days[0].anchor, None);
        let (site, ui) = (site(), ui("en"));
        let viewer = ui.viewer(&site, t("2024-03-05T00:00:00Z"));
        let noted = noted_days(&viewer, &uptime);
        let dates: Vec<&str> = noted.iter().map(|d| d.anchor.as_str()).collect();
        assert_eq!(dates, ["day-2024-03-01"]);
        assert_eq!(&*noted[0].state.label, "Major outage");
        assert_eq!(noted[0].uptime_line.as_deref(), Some("Uptime 89.17%"));
    }

    #[test]
    fn the_number_and_the_text_round_alike() {
        assert_eq!(two_decimals(65.625), "65.63");
        assert_eq!(two_decimals(100.0), "100.00");
        assert_eq!(two_decimals(0.004), "0.00");
        assert_eq!(two_decimals(99.999), "100.00");
    }

    #[test]
    fn a_maintenance_day_is_noted_though_it_is_all_up() {
        let uptime = bars_of("db", "2024-03-11T00:00:00Z");
        let day = uptime.days.iter().find(|d| d.date == "2024-03-10").unwrap();
        assert_eq!(day.state, "maintenance");
        assert_eq!(day.uptime.as_deref(), Some("100.00"));
        assert!(day.anchor.is_some());
    }
}
