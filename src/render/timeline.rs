//! The recovery timeline: an inline SVG drawn at build time, one lane per service, time left
//! to right in hours since the start, clock time on a second axis. States differ by colour
//! and by pattern, so the chart reads in greyscale and for colour-blind readers.

use std::fmt::Write as _;

use chrono::Duration;

use super::format::{Formatter, Px};
use crate::escape::xml_escape;
use crate::model::{Incident, Instant, Lane, Segment, State};

const WIDTH: f64 = 960.0;
const LABEL_W: f64 = 160.0;
const RIGHT: f64 = 24.0;
const LANE_H: f64 = 22.0;
const LANE_GAP: f64 = 6.0;
const TOP: f64 = 40.0;
const FONT: f64 = 12.0;

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

struct Scale {
    start: Instant,
    end: Instant,
    span_s: f64,
}

impl Scale {
    fn x(&self, t: Instant) -> f64 {
        let offset = (t - self.start).num_seconds() as f64;
        LABEL_W + offset / self.span_s * (WIDTH - LABEL_W - RIGHT)
    }
}

/// Tick step in minutes: the smallest "round" step giving at most eight ticks.
pub fn tick_step_minutes(span: Duration) -> i64 {
    const STEPS: [i64; 18] = [
        1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080, 20160, 40320, 80640,
    ];
    let minutes = span.num_minutes().max(1);
    STEPS
        .iter()
        .copied()
        .find(|step| minutes / step <= 8)
        .unwrap_or(STEPS[STEPS.len() - 1])
}

pub fn render(chart: &Chart) -> String {
    let incident = chart.incident;
    let end = incident.end_at(chart.now);
    let span = (end - incident.started).max(Duration::minutes(1));
    let scale = Scale {
        start: incident.started,
        end: incident.started + span,
        span_s: span.num_seconds() as f64,
    };
    let lanes_bottom = TOP + chart.lanes.len() as f64 * (LANE_H + LANE_GAP);
    let height = lanes_bottom + 62.0;
    let s = chart.fmt.strings;
    let id = &chart.id;
    let mut svg = String::with_capacity(16 * 1024);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, sans-serif" font-size="{FONT}">"#
    );
    let _ = write!(
        svg,
        r#"<title id="{id}-title">{}</title>"#,
        xml_escape(&format!("{} — {}", incident.title, s.get("timeline_title")))
    );
    let _ = write!(
        svg,
        r#"<desc id="{id}-desc">{}</desc>"#,
        xml_escape(&describe(chart, end))
    );
    let segments: Vec<Vec<Segment>> = chart
        .lanes
        .iter()
        .map(|lane| incident.segments(lane.lane, chart.now))
        .collect();
    let mut used: Vec<State> = segments.iter().flatten().map(|s| s.state).collect();
    used.sort();
    used.dedup();
    svg.push_str(&patterns_for(id, &used));
    axes(&mut svg, chart, &scale, lanes_bottom);
    for (row, (lane, segments)) in chart.lanes.iter().zip(&segments).enumerate() {
        let y = TOP + row as f64 * (LANE_H + LANE_GAP);
        draw_lane(&mut svg, chart, &scale, lane, segments, y);
    }
    markers(&mut svg, chart, &scale);
    edge(&mut svg, chart, &scale, lanes_bottom);
    legend(&mut svg, chart, &used, lanes_bottom + 40.0);
    svg.push_str("</svg>");
    svg
}

fn describe(chart: &Chart, end: Instant) -> String {
    let f = &chart.fmt;
    let incident = chart.incident;
    let hours = (end - incident.started).num_minutes() as f64 / 60.0;
    let impaired = incident.impaired_at(end);
    f.strings
        .get("timeline_desc")
        .replace("{services}", &f.number(chart.lanes.len() as i64))
        .replace("{from}", &f.time(incident.started).text)
        .replace("{to}", &f.time(end).text)
        .replace("{hours}", &f.hours(hours))
        .replace("{impaired}", &f.number(impaired as i64))
}

/// Fills that differ in pattern as well as colour.
/// The patterns of the states in `used` only.
fn patterns_for(id: &str, used: &[State]) -> String {
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
    out
}

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

fn axes(svg: &mut String, chart: &Chart, scale: &Scale, bottom: f64) {
    let f = &chart.fmt;
    let step = tick_step_minutes(scale.end - scale.start);
    let mut minutes = 0;
    while scale.start + Duration::minutes(minutes) <= scale.end {
        let t = scale.start + Duration::minutes(minutes);
        let x = scale.x(t);
        let label = if step < 60 {
            f.fill("duration_min", minutes)
        } else {
            f.fill("duration_h", minutes / 60)
        };
        let anchor = if minutes == 0 { "start" } else { "middle" };
        let _ = write!(
            svg,
            r##"<line class="tl-grid" x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{bottom:.1}" stroke="#8c959f" stroke-opacity="0.35"/><text class="tl-axis" x="{x:.1}" y="12" text-anchor="{anchor}" fill="#57606a">{}</text>"##,
            TOP - 8.0,
            xml_escape(&label),
            bottom = Px(bottom),
            x = Px(x)
        );
        minutes += step;
    }
    let clock_step = if step >= 720 { 1440 } else { step };
    for t in clock_ticks(chart, scale, clock_step) {
        let x = scale.x(t);
        let label = if step >= 720 { f.day(t) } else { f.clock(t) };
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{bottom:.1}" x2="{x:.1}" y2="{:.1}" stroke="#57606a"/><text class="tl-axis" x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#57606a">{}</text>"##,
            Px(bottom + 4.0),
            Px(bottom + 17.0),
            xml_escape(&label),
            bottom = Px(bottom),
            x = Px(x)
        );
    }
    let _ = write!(
        svg,
        r##"<text class="tl-axis" x="{:.1}" y="12" text-anchor="end" fill="#57606a">{}</text><text class="tl-axis" x="{:.1}" y="{:.1}" text-anchor="end" fill="#57606a">{}</text>"##,
        Px(LABEL_W - 10.0),
        xml_escape(f.strings.get("axis_hours")),
        Px(LABEL_W - 10.0),
        Px(bottom + 17.0),
        xml_escape(&format!(
            "{} ({})",
            f.strings.get("axis_clock"),
            f.zone.name()
        ))
    );
}

/// Round local clock times inside the range: midnights for long incidents, every `step`
/// minutes of the local clock for short ones.
fn clock_ticks(chart: &Chart, scale: &Scale, step: i64) -> Vec<Instant> {
    let zone = chart.fmt.zone;
    let local = zone.local(scale.start);
    let midnight = zone.start_of_day(local.date_naive());
    let mut ticks = Vec::new();
    let mut t = midnight;
    let mut guard = 0;
    while t <= scale.end && guard < 10_000 {
        if t >= scale.start {
            ticks.push(t);
        }
        t = if step >= 1440 {
            let next_day = zone.date_of(t).succ_opt().unwrap_or_default();
            zone.start_of_day(next_day)
        } else {
            t + Duration::minutes(step)
        };
        guard += 1;
    }
    ticks
}

fn draw_lane(
    svg: &mut String,
    chart: &Chart,
    scale: &Scale,
    lane: &LaneRef,
    segments: &[Segment],
    y: f64,
) {
    let f = &chart.fmt;
    let name = fit(&lane.name, LABEL_W - 16.0);
    let baseline = Px(y + LANE_H / 2.0 + 4.0);
    let _ = write!(
        svg,
        r##"<g class="tl-lane"><text x="{}" y="{baseline}" text-anchor="end" fill="currentColor">{}<title>{}</title></text><g stroke="#24292f" stroke-opacity="0.25">"##,
        Px(LABEL_W - 10.0),
        xml_escape(&name),
        xml_escape(&lane.name)
    );
    // Labels go in two groups after the bars, so their paint is written once per lane.
    let (mut on_light, mut on_dark) = (String::new(), String::new());
    for seg in segments {
        let x0 = scale.x(seg.from);
        let w = (scale.x(seg.to) - x0).max(2.0);
        let (state_label, _) = f.strings.state_words(seg.state);
        let from_h = hours_label(f, seg.from - chart.incident.started);
        let to_h = hours_label(f, seg.to - chart.incident.started);
        let mut tip = format!(
            "{}: {state_label}, {from_h} → {to_h} ({})",
            lane.name,
            f.duration(seg.to - seg.from)
        );
        if let Some(note) = &seg.note {
            tip.push_str(" — ");
            tip.push_str(note);
        }
        let _ = write!(
            svg,
            r##"<rect class="tl-{}" x="{}" y="{}" width="{}" height="{LANE_H}" rx="2" fill="{}"><title>{}</title></rect>"##,
            seg.state.as_str(),
            Px(x0),
            Px(y),
            Px(w),
            fill(&chart.id, seg.state),
            xml_escape(&tip),
        );
        let label = seg
            .note
            .as_deref()
            .filter(|n| text_width(n) + 8.0 <= w)
            .or_else(|| {
                Some(&*state_label).filter(|l| text_width(l) + 8.0 <= w && seg.state.is_impaired())
            });
        if let Some(label) = label {
            let group = if seg.state == State::MajorOutage {
                &mut on_dark
            } else {
                &mut on_light
            };
            let _ = write!(
                group,
                r##"<text x="{}" y="{baseline}">{}</text>"##,
                Px(x0 + 4.0),
                xml_escape(label)
            );
        }
    }
    svg.push_str("</g>");
    if !on_light.is_empty() {
        let _ = write!(
            svg,
            r##"<g fill="#1f2328" stroke="#ffffff" stroke-width="4" stroke-opacity="0.92" stroke-linejoin="round" paint-order="stroke">{on_light}</g>"##
        );
    }
    if !on_dark.is_empty() {
        let _ = write!(svg, r##"<g fill="#ffffff">{on_dark}</g>"##);
    }
    svg.push_str("</g>");
}

fn markers(svg: &mut String, chart: &Chart, scale: &Scale) {
    let f = &chart.fmt;
    for update in chart.incident.updates_until(chart.now) {
        if update.at < scale.start || update.at > scale.end {
            continue;
        }
        let x = scale.x(update.at);
        let tip = format!(
            "{} · {}",
            f.strings.get(&format!("status_{}", update.status.as_str())),
            f.time(update.at).text
        );
        let _ = write!(
            svg,
            r##"<g class="tl-update"><title>{}</title><path d="M{:.1} {:.1}l-5 -8h10z" fill="#0969da"/></g>"##,
            xml_escape(&tip),
            Px(x),
            Px(TOP - 2.0)
        );
    }
}

/// The right edge: a dashed "now" line while ongoing, a solid line at the resolution.
fn edge(svg: &mut String, chart: &Chart, scale: &Scale, bottom: f64) {
    let resolved = chart.incident.resolved_at().is_some_and(|r| r <= chart.now);
    let x = scale.x(scale.end);
    let (class, label, dash, color) = if resolved {
        (
            "tl-resolved",
            chart.fmt.strings.get("resolved"),
            "",
            "#1a7f37",
        )
    } else {
        (
            "tl-now",
            chart.fmt.strings.get("now"),
            r#" stroke-dasharray="4 3""#,
            "#cf222e",
        )
    };
    let _ = write!(
        svg,
        r##"<g class="{class}"><line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="{color}" stroke-width="2"{dash}/><text x="{x:.1}" y="{:.1}" text-anchor="end" fill="{color}" font-weight="600">{}</text></g>"##,
        Px(TOP - 12.0),
        Px(TOP - 15.0),
        xml_escape(label),
        bottom = Px(bottom),
        x = Px(x)
    );
}

fn legend(svg: &mut String, chart: &Chart, used: &[State], y: f64) {
    let mut x = LABEL_W;
    for &state in used {
        let label = chart
            .fmt
            .strings
            .get(&format!("state_{}", state.as_str()))
            .to_string();
        let _ = write!(
            svg,
            r##"<g class="tl-legend"><rect x="{x:.1}" y="{:.1}" width="18" height="12" rx="2" fill="{}" stroke="#24292f" stroke-opacity="0.25"/><text x="{:.1}" y="{:.1}" fill="currentColor">{}</text></g>"##,
            Px(y - 10.0),
            fill(&chart.id, state),
            Px(x + 24.0),
            Px(y),
            xml_escape(&label),
            x = Px(x)
        );
        x += 24.0 + text_width(&label) + 22.0;
    }
}

fn hours_label(f: &Formatter, d: Duration) -> String {
    f.strings
        .get("hour_label")
        .replace("{n}", &f.hours(d.num_minutes() as f64 / 60.0))
}

/// A rough width in px at the chart's font size: wide for CJK, narrow for ASCII.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * FONT
}

/// The text, shortened with an ellipsis to fit `width`.
fn fit(text: &str, width: f64) -> String {
    if text_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out) + text_width(&c.to_string()) + FONT > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_few() {
        assert_eq!(tick_step_minutes(Duration::minutes(127 * 60 + 30)), 1440);
        assert_eq!(tick_step_minutes(Duration::hours(43)), 360);
        assert_eq!(tick_step_minutes(Duration::minutes(12)), 2);
        assert_eq!(tick_step_minutes(Duration::minutes(1)), 1);
        assert_eq!(tick_step_minutes(Duration::hours(5)), 60);
        assert_eq!(tick_step_minutes(Duration::days(30)), 10080);
    }

    #[test]
    fn long_names_are_shortened() {
        assert_eq!(fit("api", 100.0), "api");
        let short = fit("카카오톡 선물하기 서비스 전체", 100.0);
        assert!(
            short.ends_with('…') && text_width(&short) <= 100.0 + FONT,
            "{short}"
        );
    }
}
