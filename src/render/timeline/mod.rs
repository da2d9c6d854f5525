//! The recovery timeline: an inline SVG drawn at build time, one lane per service: its name,
//! and the state it is in at "now", above a bar of its states over time. Positions are
//! percentages of the chart's width and text keeps its size, so the chart fits any screen
//! from a phone up without scrolling sideways; the stylesheet picks fewer ticks and shorter
//! labels on phones. States differ by colour and by pattern, so the chart reads in greyscale
//! and for colour-blind readers.

use std::fmt::Write as _;

use super::format::{Pct, Px};
use crate::escape::Xml;
use crate::model::{Kind, Segment, State};
use crate::render::placeholders::fill_in;
use axes::{Rows, text_width};
use frame::{Edge, Frame};
use paint::MARK;

mod axes;
mod frame;
mod lane;
mod legend;
mod paint;
mod ticks;

pub(super) use frame::{Chart, LaneRef};
pub(crate) use ticks::ElapsedMemo;
// The history's month strips share the chart's paint, and fit their text to its two widths.
pub(super) use axes::{NARROW_MIN, WIDE_MIN, fit};
pub(super) use paint::{fill, patterns_for};

const LANES_TOP: f64 = 44.0;

/// The chart, and its legend as HTML.
pub(super) fn render(chart: &Chart) -> (String, String) {
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
        Xml(&format!(
            "{} — {}",
            incident.title,
            chart.fmt.strings.get(title_key)
        )),
        Xml(&describe(chart, &frame))
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
    let now_inside = match frame.edge {
        Edge::Planned(Some(now)) => Some(frame.frac(now)),
        _ => None,
    };
    let span = (frame.start, frame.end);
    axes::draw(&mut svg, &chart.fmt, span, now_inside, &rows);
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
    let services = chart.lanes.len() as i64;
    // A maintenance counts the services still in it at the end: outage words would alarm.
    let (key, count_name, count) = match chart.incident.kind {
        Kind::Incident => (
            "timeline_description",
            "{impaired}",
            chart.incident.impaired_at(end),
        ),
        Kind::Maintenance => (
            "maintenance_timeline_description",
            "{maintenance}",
            chart.incident.in_maintenance_at(end),
        ),
    };
    fill_in(
        f.strings.counted(key, f.local.plural(services)),
        &[
            ("{services}", &f.number(services)),
            ("{from}", &f.time(frame.start).text),
            ("{to}", &f.time(frame.end).text),
            ("{duration}", &f.duration(frame.end - frame.start)),
            (count_name, &f.number(count as i64)),
            ("{zone}", f.zone.name()),
        ],
    )
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
            f.time(posted.at).text
        );
        if posted.is_automatic() {
            let _ = write!(tip, " ({})", f.strings.get("automatic"));
        }
        let _ = write!(
            svg,
            r#"<circle class="tl-update" cx="{}" cy="37" r="3.5" fill="{MARK}"><title>{}</title></circle>"#,
            Pct(frame.frac(posted.at)),
            Xml(&tip)
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
    // A maintenance's "now" keeps the class scripts find it by, in maintenance blue.
    if let Some((x, now)) = now_label {
        line(svg, "tl-now tl-maint", x, now, true, bottom, false);
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
        Xml(label),
        p = Pct(x),
    );
}

#[cfg(test)]
mod tests;
