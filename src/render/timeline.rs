//! The recovery timeline: an inline SVG drawn at build time, one lane per service: its name,
//! and the state it is in at "now", above a bar of its states over time. Positions are
//! percentages of the chart's width and text keeps its size, so the chart fits any screen
//! from a phone up without scrolling sideways; the stylesheet picks fewer ticks and shorter
//! labels on phones. States differ by colour and by pattern, so the chart reads in greyscale
//! and for colour-blind readers.

use std::fmt::Write as _;

use chrono::Duration;

use super::chart_axes::{self, NARROW_MIN, Rows, text_width};
use super::format::{Formatter, Pct, Px};
use super::legend;
use super::timeline_lane as lane;
use super::xml_escape;
use crate::model::{Incident, Instant, Kind, Lane, Segment, State};

/// The blue of update marks and of a maintenance's edges.
pub const MARK: &str = "#0969da";
const LANES_TOP: f64 = 44.0;

/// One lane to draw: the service's lane and its display name.
pub struct LaneRef<'a> {
    pub lane: &'a Lane,
    pub name: String,
}

pub struct Chart<'a> {
    pub incident: &'a Incident,
    pub lanes: Vec<LaneRef<'a>>,
    pub now: Instant,
    pub fmt: Formatter<'a>,
    /// Makes pattern and title ids unique when a page holds several charts.
    pub id: String,
}

/// What the right edge of the chart stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Edge {
    /// An open incident: the right edge is "now".
    Now,
    Resolved,
    /// A maintenance whose window has ended.
    Completed,
    /// A maintenance whose window has not ended: the right edge is its planned end, with
    /// "now" inside the window once it has begun.
    Planned(Option<Instant>),
}

/// The time the chart spans.
pub(super) struct Frame {
    pub start: Instant,
    pub end: Instant,
    /// States are real up to here and planned after it (the rest of a maintenance window).
    pub until: Instant,
    pub edge: Edge,
}

impl Frame {
    fn of(incident: &Incident, now: Instant) -> Frame {
        let start = incident.started;
        if let (Kind::Maintenance, Some(end)) = (incident.kind, incident.resolved)
            && end > start
        {
            let edge = if now >= end {
                Edge::Completed
            } else {
                Edge::Planned((now >= start).then_some(now))
            };
            return Frame {
                start,
                end,
                until: now.clamp(start, end),
                edge,
            };
        }
        let resolved = incident.resolved_at().is_some_and(|r| r <= now);
        let end = incident.end_at(now).max(start + Duration::minutes(1));
        Frame {
            start,
            end,
            until: end,
            edge: if resolved { Edge::Resolved } else { Edge::Now },
        }
    }

    pub fn frac(&self, t: Instant) -> f64 {
        let span = (self.end - self.start).num_seconds().max(1) as f64;
        ((t - self.start).num_seconds() as f64 / span).clamp(0.0, 1.0)
    }

    /// "Now", when it is inside the chart.
    pub fn now(&self) -> Option<Instant> {
        match self.edge {
            Edge::Now => Some(self.until),
            Edge::Planned(now) => now,
            Edge::Resolved | Edge::Completed => None,
        }
    }
}

/// The chart, and its legend as HTML.
pub fn render(chart: &Chart) -> (String, String) {
    let incident = chart.incident;
    let frame = Frame::of(incident, chart.now);
    let bottom = LANES_TOP + chart.lanes.len() as f64 * lane::ROW - lane::GAP;
    let height = bottom + 56.0;
    let id = &chart.id;
    let mut svg = String::with_capacity(16 * 1024);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="100%" height="{}" overflow="visible" role="img" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, sans-serif" font-size="12">"#,
        Px(height)
    );
    let title_key = match incident.kind {
        Kind::Incident => "timeline",
        Kind::Maintenance => "maintenance_timeline",
    };
    let _ = write!(
        svg,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        xml_escape(&format!(
            "{} — {}",
            incident.title,
            chart.fmt.strings.get(title_key)
        )),
        xml_escape(&describe(chart, &frame))
    );
    let segments: Vec<Vec<Segment>> = chart
        .lanes
        .iter()
        .map(|lane| {
            let upto = match frame.edge {
                Edge::Planned(_) | Edge::Completed => frame.end,
                Edge::Now | Edge::Resolved => chart.now,
            };
            incident.segments(lane.lane, upto)
        })
        .collect();
    let mut used: Vec<State> = segments.iter().flatten().map(|s| s.state).collect();
    used.sort();
    used.dedup();
    svg.push_str(&patterns_for(id, &used));
    let rows = Rows {
        top: 28.0,
        grid_top: 32.0,
        bottom,
    };
    chart_axes::draw(&mut svg, &chart.fmt, frame.start, frame.end, &rows);
    let mut planned = false;
    for (row, (lane, segments)) in chart.lanes.iter().zip(&segments).enumerate() {
        let y = LANES_TOP + row as f64 * lane::ROW;
        planned |= lane::draw(&mut svg, chart, &frame, lane, segments, y);
    }
    let updates = markers(&mut svg, chart, &frame);
    edge(&mut svg, chart, &frame, bottom);
    svg.push_str("</svg>");
    let extras = legend::Extras { planned, updates };
    let legend = legend::html(id, &used, &extras, chart.fmt.strings);
    (svg, legend)
}

fn describe(chart: &Chart, frame: &Frame) -> String {
    let f = &chart.fmt;
    let end = frame.until;
    f.strings
        .get("timeline_description")
        .replace("{services}", &chart.lanes.len().to_string())
        .replace(
            "{from}",
            &f.format(f.zone.local(frame.start), "datetime_format"),
        )
        .replace(
            "{to}",
            &f.format(f.zone.local(frame.end), "datetime_format"),
        )
        .replace("{duration}", &f.duration(frame.end - frame.start))
        .replace("{impaired}", &chart.incident.impaired_at(end).to_string())
        .replace("{zone}", f.zone.name())
}

/// The patterns of the states in `used` only.
pub(super) fn patterns_for(id: &str, used: &[State]) -> String {
    let all = patterns(id);
    let mut out = String::from("<defs>");
    for piece in all
        .trim_start_matches("<defs>")
        .trim_end_matches("</defs>")
        .split_inclusive("</pattern>")
    {
        if used
            .iter()
            .any(|s| piece.contains(&format!("id=\"{id}-{}\"", s.as_str())))
        {
            out.push_str(piece);
        }
    }
    out.push_str("</defs>");
    if out == "<defs></defs>" {
        out.clear();
    }
    out
}

/// Fills that differ in pattern as well as colour.
pub(super) fn patterns(id: &str) -> String {
    format!(
        concat!(
            "<defs>",
            r##"<pattern id="{id}-maintenance" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="tl-maintenance" width="6" height="6" fill="#b6d8ff"/><circle cx="3" cy="3" r="1.2" fill="#0a4d9c"/></pattern>"##,
            r##"<pattern id="{id}-degraded" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="tl-degraded" width="8" height="8" fill="#f5d36b"/><rect width="2" height="8" fill="#7a5200"/></pattern>"##,
            r##"<pattern id="{id}-partial_outage" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="tl-partial_outage" width="6" height="6" fill="#f59a4f"/><rect width="1.5" height="6" fill="#8a3a08"/><rect width="6" height="1.5" fill="#8a3a08"/></pattern>"##,
            "</defs>"
        ),
        id = id
    )
}

pub(super) fn fill(id: &str, state: State) -> String {
    match state {
        State::Operational => "#8fd19e".to_string(),
        State::MajorOutage => "#b3261e".to_string(),
        other => format!("url(#{id}-{})", other.as_str()),
    }
}

/// A dot for every update published by "now" inside the chart; true when there is one.
fn markers(svg: &mut String, chart: &Chart, frame: &Frame) -> bool {
    let f = &chart.fmt;
    let mut any = false;
    for posted in chart.incident.posted_until(chart.now) {
        if posted.at < frame.start || posted.at > frame.end {
            continue;
        }
        any = true;
        let mut tip = format!(
            "{} · {}",
            f.strings.get(&format!("status_{}", posted.status.as_str())),
            f.format(f.zone.local(posted.at), "datetime_format")
        );
        if posted.is_automatic() {
            let _ = write!(tip, " ({})", f.strings.get("automatic"));
        }
        let _ = write!(
            svg,
            r#"<circle class="tl-update" cx="{}" cy="37" r="3.5" fill="{MARK}"><title>{}</title></circle>"#,
            Pct(frame.frac(posted.at)),
            xml_escape(&tip)
        );
    }
    any
}

/// The right edge: a dashed "now" line while open, a solid line at the resolution; for a
/// maintenance, its planned end, with "now" inside the window while it runs.
fn edge(svg: &mut String, chart: &Chart, frame: &Frame, bottom: f64) {
    let s = chart.fmt.strings;
    let (class, label, dashed) = match frame.edge {
        Edge::Now => ("tl-now", s.get("now"), true),
        Edge::Resolved => ("tl-resolved", s.get("resolved"), false),
        Edge::Completed => ("tl-maint", s.get("status_completed"), false),
        Edge::Planned(_) => ("tl-maint", s.get("planned_end"), true),
    };
    let now_label = match frame.edge {
        Edge::Planned(Some(now)) => Some((frame.frac(now), s.get("now"))),
        _ => None,
    };
    // Near "now", the planned end's label would cover it: phones then show the line only.
    let crowded = now_label.is_some_and(|(x, now)| {
        (1.0 - x) * NARROW_MIN < text_width(label) + text_width(now) + 16.0
    });
    line(svg, class, 1.0, label, dashed, bottom, crowded);
    if let Some((x, now)) = now_label {
        line(svg, "tl-now", x, now, true, bottom, false);
    }
}

fn line(
    svg: &mut String,
    class: &str,
    x: f64,
    label: &str,
    dashed: bool,
    bottom: f64,
    crowded: bool,
) {
    let colour = match class {
        "tl-now" => "#cf222e",
        "tl-resolved" => "#1a7f37",
        _ => MARK,
    };
    let dash = if dashed {
        r#" stroke-dasharray="4 3""#
    } else {
        ""
    };
    // Anchored inside the chart: left of the line, or right of it near the left edge.
    let (anchor, dx) = if x * NARROW_MIN > text_width(label) + 6.0 {
        ("end", "-4")
    } else {
        ("start", "4")
    };
    let hide = if crowded { r#" class="tl-w""# } else { "" };
    let _ = write!(
        svg,
        r#"<g class="{class}"><line x1="{p}" y1="16" x2="{p}" y2="{}" stroke="{colour}" stroke-width="2"{dash} transform="translate(-1 0)"/><text x="{p}" dx="{dx}" y="12" text-anchor="{anchor}" fill="{colour}" font-weight="600"{hide}>{}</text></g>"#,
        Px(bottom),
        xml_escape(label),
        p = Pct(x),
    );
}

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod tests;
