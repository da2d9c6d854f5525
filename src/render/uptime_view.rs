//! Uptime bars for templates: one cell per day, with its date, worst state, uptime and the
//! incidents behind it.

use serde::Serialize;

use super::format::Formatter;
use super::links::{Link, incident_url};
use crate::model::Site;
use crate::model::uptime::History;

#[derive(Debug, Clone, Serialize)]
pub struct UptimeView {
    /// Percent up over the days with data, two decimals (`99.72`), if any day has data.
    pub percent: Option<String>,
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
pub struct DayView {
    /// `YYYY-MM-DD` in the site's timezone.
    pub date: String,
    pub label: String,
    /// A state name, or `no_data`.
    pub state: &'static str,
    pub uptime: Option<String>,
    /// One line for tooltips and screen readers.
    pub title: String,
    pub incidents: Vec<Link>,
}

/// The bars of one service's `history` of `days` days, in the words of `fmt`.
pub fn uptime_view(site: &Site, fmt: &Formatter, history: &History, days: u32) -> UptimeView {
    let s = fmt.strings;
    let label_of = |date: chrono::NaiveDate| {
        let noon = site.config.zone.start_of_day(date) + chrono::Duration::hours(12);
        fmt.format(site.config.zone.local(noon), "date_format")
    };
    let views: Vec<DayView> = history
        .days
        .iter()
        .map(|day| {
            let label = label_of(day.date);
            let incidents: Vec<Link> = day
                .incidents
                .iter()
                .map(|&i| &site.incidents[i])
                .map(|i| Link {
                    title: i.title.clone(),
                    url: incident_url(&i.slug),
                })
                .collect();
            let (state, uptime, mut title) = match (day.worst, day.uptime) {
                (Some(worst), Some(up)) => {
                    let up = format!("{up:.2}");
                    let state_label = s.get(&format!("state_{}", worst.as_str())).to_string();
                    let title = s
                        .get("day_uptime")
                        .replace("{date}", &label)
                        .replace("{state}", &state_label)
                        .replace("{uptime}", &up);
                    (worst.as_str(), Some(up), title)
                }
                _ => (
                    "no_data",
                    None,
                    s.get("day_no_data").replace("{date}", &label),
                ),
            };
            for link in &incidents {
                title.push_str(&format!(" — {}", link.title));
            }
            DayView {
                date: day.date.to_string(),
                label,
                state,
                uptime,
                title,
                incidents,
            }
        })
        .collect();
    let with_data = views.iter().filter(|d| d.uptime.is_some()).count();
    let percent = history.percent.map(|p| format!("{p:.2}"));
    let key = match with_data {
        n if n as u32 >= days => "uptime_window",
        1 => "uptime_data_day",
        _ => "uptime_data_days",
    };
    UptimeView {
        summary: percent.as_ref().map(|p| {
            s.get(key)
                .replace("{percent}", p)
                .replace("{n}", &with_data.to_string())
        }),
        percent,
        caption: s.fill("uptime_days", days),
        first: views.first().map(|d| d.label.clone()).unwrap_or_default(),
        last: views.last().map(|d| d.label.clone()).unwrap_or_default(),
        days: views,
    }
}
