//! The site-wide timeline: for each month of the history, its incidents as bars across the
//! days of the month, coloured and patterned by the worst state they reached, each under its
//! title. A picture only (the incident cards below it link to the same incidents), drawn in
//! percentages of its width so that it fits a phone as it is.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::format::{Formatter, Pct, Px};
use super::timeline::{NARROW_MIN, WIDE_MIN, fill, fit, patterns_for};
use crate::escape::xml_escape;
use crate::model::{Incident, Instant, State};

const ROW: f64 = 32.0;
const TITLE_Y: f64 = 12.0;
const BAR_Y: f64 = 16.0;
const BAR_H: f64 = 12.0;
const HEAD: f64 = 22.0;

/// The first day of the month `t` falls in, in the site's timezone.
pub(super) fn month_of(f: &Formatter, t: Instant) -> NaiveDate {
    let date = f.zone.date_of(t);
    date.with_day(1).unwrap_or(date)
}

/// One month's strip.
pub(super) fn month_strip(
    f: &Formatter,
    month: NaiveDate,
    incidents: &[&Incident],
    now: Instant,
) -> String {
    let next = month
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(month);
    let (start, end) = (f.zone.start_of_day(month), f.zone.start_of_day(next));
    let span = (end - start).num_seconds().max(1) as f64;
    let x = |t: Instant| ((t - start).num_seconds() as f64 / span).clamp(0.0, 1.0);
    let days = (next - month).num_days();
    let height = HEAD + incidents.len() as f64 * ROW;
    let id = format!("cal-{}", month.format("%Y-%m"));
    let label = f.month(start + chrono::Duration::hours(12));
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="calendar" width="100%" height="{}" role="img" aria-label="{}" font-family="system-ui, sans-serif" font-size="11">"#,
        Px(height),
        xml_escape(&label)
    );
    let mut used: Vec<State> = incidents.iter().map(|i| i.worst_state(now)).collect();
    used.sort();
    used.dedup();
    svg.push_str(&patterns_for(&id, &used));
    svg.push_str(r##"<g stroke="#8c959f" stroke-opacity="0.25">"##);
    for day in 1..=days {
        let dx = x(f
            .zone
            .start_of_day(month + chrono::Days::new(day as u64 - 1)));
        let _ = write!(
            svg,
            r#"<line x1="{p}" y1="{}" x2="{p}" y2="{}"/>"#,
            Px(HEAD - 6.0),
            Px(height),
            p = Pct(dx)
        );
    }
    svg.push_str(r##"</g><g class="cal-days" fill="#57606a">"##);
    for day in (1..=days).filter(|d| *d == 1 || d % 5 == 0) {
        let dx = x(f
            .zone
            .start_of_day(month + chrono::Days::new(day as u64 - 1)));
        let _ = write!(
            svg,
            r#"<text x="{}" dx="2" y="12">{}</text>"#,
            Pct(dx),
            f.number(day)
        );
    }
    svg.push_str("</g>");
    for (row, incident) in incidents.iter().enumerate() {
        let y = HEAD + row as f64 * ROW;
        let shown_end = incident.end_at(now);
        let (x0, x1) = (x(incident.started), x(shown_end));
        let tip = format!(
            "{} — {} · {}",
            incident.title,
            f.time(incident.started).text,
            f.duration(shown_end - incident.started)
        );
        title(&mut svg, &incident.title, y + TITLE_Y);
        let _ = write!(
            svg,
            r##"<rect x="{}" y="{}" width="{}" height="{BAR_H}" rx="3" fill="{}" stroke="#24292f" stroke-opacity="0.3"><title>{}</title></rect>"##,
            Pct(x0),
            Px(y + BAR_Y),
            Pct((x1 - x0).max(0.004)),
            fill(&id, incident.worst_state(now)),
            xml_escape(&tip),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The title above its bar, shortened where a phone has no room for all of it.
fn title(svg: &mut String, title: &str, y: f64) {
    let text = |t: &str, class: &str| {
        format!(
            r#"<text x="0" y="{}" fill="currentColor"{class}>{}</text>"#,
            Px(y),
            xml_escape(t)
        )
    };
    let (wide, narrow) = (fit(title, WIDE_MIN, 11.0), fit(title, NARROW_MIN, 11.0));
    if wide == narrow {
        svg.push_str(&text(&wide, ""));
    } else {
        svg.push_str(&text(&wide, r#" class="tl-w""#));
        svg.push_str(&text(&narrow, r#" class="tl-n" display="none""#));
    }
}
