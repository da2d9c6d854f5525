//! One lane of the recovery timeline: the service's name and its state at "now" above a bar
//! of its states, with the notes that fit inside the bar.

use std::fmt::Write as _;

use super::axes::{self, NARROW_MIN, WIDE_MIN, fit, text_width};
use super::frame::{Chart, Frame, LaneRef};
use super::paint::{MARK, fill};
use crate::escape::push_xml;
use crate::model::{Instant, Segment, State};
use crate::render::format::{Formatter, Pct, Px};

/// A lane's height, and the space under its bar.
pub(super) const ROW: f64 = 42.0;
pub(super) const GAP: f64 = ROW - BAR_Y - BAR_H;
const NAME_Y: f64 = 14.0;
const BAR_Y: f64 = 19.0;
const BAR_H: f64 = 20.0;
/// The least width, in px, of the state a lane is in at "now": a change at exactly "now"
/// still shows.
const SLIVER: f64 = 7.0;

/// One lane; true when it has planned time.
pub(super) fn draw(
    svg: &mut String,
    chart: &Chart,
    frame: &Frame,
    lane: &LaneRef,
    segments: &[Segment],
    y: f64,
) -> bool {
    let f = &chart.fmt;
    let now = frame.now();
    let state_now = now.map(|t| chart.incident.lane_state(lane.lane, t));
    match lane.moves {
        0 => svg.push_str(r#"<g class="tl-lane">"#),
        up @ ..0 => {
            let _ = write!(svg, r#"<g class="tl-lane tl-up-{}">"#, -up);
        }
        down => {
            let _ = write!(svg, r#"<g class="tl-lane tl-down-{down}">"#);
        }
    }
    name_and_state(svg, chart, lane, state_now, y);
    svg.push_str(r##"<g stroke="#24292f" stroke-opacity="0.25">"##);
    let (mut on_light, mut on_dark) = (String::new(), String::new());
    let mut planned = false;
    let mut last_real: Option<(State, f64)> = None;
    for seg in segments {
        let real_to = seg.to.min(frame.until);
        if seg.from < real_to {
            let (x0, x1) = (frame.frac(seg.from), frame.frac(real_to));
            bar(svg, chart, frame, lane, seg, (seg.from, real_to, false), y);
            last_real = Some((seg.state, x1 - x0));
            note(&mut on_light, &mut on_dark, f, seg, x0, x1 - x0, y);
        }
        let planned_from = seg.from.max(frame.until);
        if planned_from < seg.to {
            bar(
                svg,
                chart,
                frame,
                lane,
                seg,
                (planned_from, seg.to, true),
                y,
            );
            planned = true;
        }
    }
    // The state at "now" always shows, however short it has lasted.
    if let (Some(t), Some(state)) = (now, state_now) {
        let shown = last_real.is_some_and(|(s, w)| s == state && w * NARROW_MIN >= SLIVER);
        if !shown {
            let x = frame.frac(t);
            let shift = if x * NARROW_MIN >= SLIVER {
                format!(r#" transform="translate(-{SLIVER} 0)""#)
            } else {
                String::new()
            };
            let _ = write!(
                svg,
                r#"<rect class="tl-{}" x="{}" y="{}" width="{SLIVER}" height="{BAR_H}" fill="{}"{shift}/>"#,
                state.as_str(),
                Pct(x),
                Px(y + BAR_Y),
                fill(&chart.id, state)
            );
        }
    }
    svg.push_str("</g>");
    if !on_light.is_empty() {
        // The halo is a white copy under the text: it needs no stylesheet (blocks land on
        // other people's pages) and no SVG 2 `paint-order`.
        svg.extend([
            r##"<g fill="#ffffff" stroke="#ffffff" stroke-width="4" stroke-opacity="0.92" stroke-linejoin="round">"##,
            &on_light,
            r##"</g><g fill="#1f2328">"##,
            &on_light,
            "</g>",
        ]);
    }
    if !on_dark.is_empty() {
        svg.extend([r##"<g fill="#ffffff">"##, &on_dark, "</g>"]);
    }
    svg.push_str("</g>");
    planned
}

/// The lane's name on the left and, while it is open, its state at "now" on the right.
fn name_and_state(svg: &mut String, chart: &Chart, lane: &LaneRef, now: Option<State>, y: f64) {
    let word = now.map(|s| chart.fmt.strings.state_label(s));
    let room = word.as_deref().map_or(0.0, |w| text_width(w) + 12.0);
    let mut baseline = String::new();
    Px(y + NAME_Y).push_to(&mut baseline);
    let wide = fit(&lane.name, WIDE_MIN - room, axes::FONT);
    let narrow = fit(&lane.name, NARROW_MIN - room, axes::FONT);
    let mut text = |name: &str, class: &str| {
        svg.push_str(r#"<text x="0" y=""#);
        svg.push_str(&baseline);
        svg.push_str(r#"" font-weight="600" fill="currentColor""#);
        svg.push_str(class);
        svg.push('>');
        push_xml(svg, name);
        if name != lane.name {
            svg.push_str("<title>");
            push_xml(svg, &lane.name);
            svg.push_str("</title>");
        }
        svg.push_str("</text>");
    };
    if wide == narrow {
        text(&wide, "");
    } else {
        text(&wide, r#" class="tl-w""#);
        text(&narrow, r#" class="tl-n" display="none""#);
    }
    if let (Some(word), Some(state)) = (word, now) {
        svg.push_str(r#"<text class="tl-end state-"#);
        svg.push_str(state.as_str());
        svg.push_str(r#"" x="100%" dx="-6" y=""#);
        svg.push_str(&baseline);
        svg.push_str(r#"" text-anchor="end" font-weight="600" fill="currentColor">"#);
        push_xml(svg, &word);
        svg.push_str("</text>");
    }
}

/// A bar from `from` to `to` of `seg`'s state; a planned one is pale with a dashed outline.
fn bar(
    svg: &mut String,
    chart: &Chart,
    frame: &Frame,
    lane: &LaneRef,
    seg: &Segment,
    (from, to, planned): (Instant, Instant, bool),
    y: f64,
) {
    let f = &chart.fmt;
    let frame_start = frame.start;
    let x0 = frame.frac(from);
    let w = (frame.frac(to) - x0).max(0.002);
    // Bars are the most numerous elements of a chart: written with plain pushes.
    let mut tip = String::with_capacity(96);
    let state = f.strings.state_label(seg.state);
    tip.extend([lane.name.as_str(), ": ", &state]);
    if planned {
        tip.extend([" (", f.strings.get("planned"), ")"]);
    }
    let (since, until) = (f.elapsed(from - frame_start), f.elapsed(to - frame_start));
    tip.extend([
        ", ",
        &since,
        " → ",
        &until,
        " (",
        &f.duration(to - from),
        ")",
    ]);
    if let Some(note) = &seg.note {
        tip.push_str(" — ");
        tip.push_str(note);
    }
    svg.push_str(r#"<rect class="tl-"#);
    svg.push_str(seg.state.as_str());
    svg.push_str(r#"" x=""#);
    Pct(x0).push_to(svg);
    svg.push_str(r#"" y=""#);
    Px(y + BAR_Y).push_to(svg);
    svg.push_str(r#"" width=""#);
    Pct(w).push_to(svg);
    svg.push_str(r#"" height=""#);
    Px(BAR_H).push_to(svg);
    svg.push_str(r#"" rx="2" fill=""#);
    svg.push_str(&fill(&chart.id, seg.state));
    svg.push('"');
    if planned {
        svg.push_str(r#" fill-opacity="0.5" stroke=""#);
        svg.push_str(MARK);
        svg.push_str(r#"" stroke-opacity="1" stroke-dasharray="4 3""#);
    }
    svg.push_str("><title>");
    push_xml(svg, &tip);
    svg.push_str("</title></rect>");
}

/// Inside its bar, the segment's note, or else the word for its state, whichever fits first:
/// on wide charts and phones alike, or each its own.
fn note(
    on_light: &mut String,
    on_dark: &mut String,
    f: &Formatter,
    seg: &Segment,
    x0: f64,
    w: f64,
    y: f64,
) {
    let word = seg
        .state
        .is_impaired()
        .then(|| f.strings.state_label(seg.state).to_string());
    let candidates: Vec<String> = seg.note.iter().cloned().chain(word).collect();
    let fitting = |width: f64| {
        candidates
            .iter()
            .find(|c| w * width >= text_width(c) + 8.0)
            .cloned()
    };
    let (wide, narrow) = (fitting(WIDE_MIN), fitting(NARROW_MIN));
    let group = if seg.state == State::MajorOutage {
        on_dark
    } else {
        on_light
    };
    let mut text = |label: &str, class: &str| {
        group.push_str(r#"<text x=""#);
        Pct(x0).push_to(group);
        group.push_str(r#"" dx="4" y=""#);
        Px(y + BAR_Y + BAR_H / 2.0 + 4.0).push_to(group);
        group.push('"');
        group.push_str(class);
        group.push('>');
        push_xml(group, label);
        group.push_str("</text>");
    };
    match (wide, narrow) {
        (Some(a), Some(b)) if a == b => text(&a, ""),
        (wide, narrow) => {
            if let Some(a) = wide {
                text(&a, r#" class="tl-w""#);
            }
            if let Some(b) = narrow {
                text(&b, r#" class="tl-n" display="none""#);
            }
        }
    }
}
