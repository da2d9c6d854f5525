//! The site-wide timeline: for each month of the history, its incidents as bars across the
//! days of the month, coloured and patterned by the worst state they reached.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::format::{Formatter, Px};
use super::links::incident_url;
use super::timeline::{fill, patterns, text_width};
use crate::escape::xml_escape;
use crate::model::{Incident, Instant};

const WIDTH: f64 = 960.0;
const ROW_H: f64 = 16.0;
const ROW_GAP: f64 = 5.0;
const HEAD: f64 = 20.0;

/// The first day of the month `t` falls in, in the site's timezone.
pub fn month_of(f: &Formatter, t: Instant) -> NaiveDate {
    let date = f.zone.date_of(t);
    date.with_day(1).unwrap_or(date)
}

/// One month's strip. `root` leads from the page to the site root, for links.
pub fn month_strip(
    f: &Formatter,
    month: NaiveDate,
    incidents: &[&Incident],
    now: Instant,
    root: &str,
) -> String {
    let next = month
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(month);
    let (start, end) = (f.zone.start_of_day(month), f.zone.start_of_day(next));
    let span = (end - start).num_seconds().max(1) as f64;
    let x = |t: Instant| ((t - start).num_seconds() as f64 / span * WIDTH).clamp(0.0, WIDTH);
    let days = (next - month).num_days();
    let height = HEAD + incidents.len() as f64 * (ROW_H + ROW_GAP) + 4.0;
    let id = format!("cal-{}", month.format("%Y-%m"));
    let label = f.month(start + chrono::Duration::hours(12));
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="calendar" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}" font-family="system-ui, sans-serif" font-size="11">"#,
        xml_escape(&label)
    );
    svg.push_str(&patterns(&id));
    for day in 1..=days {
        let t = f
            .zone
            .start_of_day(month + chrono::Days::new(day as u64 - 1));
        let dx = x(t);
        let _ = write!(
            svg,
            r##"<line x1="{dx:.1}" y1="{}" x2="{dx:.1}" y2="{height:.1}" stroke="#8c959f" stroke-opacity="0.25"/>"##,
            HEAD - 6.0,
            dx = Px(dx),
            height = Px(height)
        );
        if day == 1 || day % 5 == 0 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="12" fill="#57606a">{}</text>"##,
                Px(dx + 2.0),
                f.number(day)
            );
        }
    }
    for (row, incident) in incidents.iter().enumerate() {
        let y = HEAD + row as f64 * (ROW_H + ROW_GAP);
        let (x0, x1) = (x(incident.started), x(incident.end_at(now)));
        let w = (x1 - x0).max(3.0);
        let worst = incident.worst_state(now);
        let tip = format!(
            "{} — {} · {}",
            incident.title,
            f.time(incident.started).text,
            f.duration(incident.end_at(now) - incident.started)
        );
        let title = xml_escape(&incident.title);
        let (tx, anchor) = if x0 + w + 6.0 + text_width(&incident.title) < WIDTH {
            (x0 + w + 6.0, "start")
        } else {
            (x0 - 6.0, "end")
        };
        let _ = write!(
            svg,
            r##"<a href="{root}{}"><title>{}</title><rect x="{x0:.1}" y="{y:.1}" width="{w:.1}" height="{ROW_H}" rx="3" fill="{}" stroke="#24292f" stroke-opacity="0.3"/><text x="{tx:.1}" y="{:.1}" text-anchor="{anchor}" fill="currentColor">{title}</text></a>"##,
            incident_url(&incident.slug),
            xml_escape(&tip),
            fill(&id, worst),
            Px(y + ROW_H - 4.0),
            tx = Px(tx),
            w = Px(w),
            x0 = Px(x0),
            y = Px(y)
        );
    }
    svg.push_str("</svg>");
    svg
}
