//! The timeline's axes drawn: tick lines and labels at percentages of the chart's width, one
//! set for wide charts and one for phones (the stylesheet shows one of them), each placed so
//! that no two labels overlap and none leaves the chart at the narrowest width of its layout.

use std::fmt::Write as _;

use super::ticks::{self, Label};
use crate::escape::{Xml, push_xml};
use crate::model::Instant;
use crate::render::format::{Formatter, Pct, Px};

/// The narrowest wide chart (a 40rem window less the page's margins) and the narrowest phone
/// chart (360 px less the margins), in CSS px: what labels must fit.
pub(crate) const WIDE_MIN: f64 = 608.0;
pub(crate) const NARROW_MIN: f64 = 328.0;
/// The chart's font size, in CSS px.
pub(super) const FONT: f64 = 12.0;
const GAP: f64 = 6.0;
const INK: &str = "#57606a";

/// A rough width in px at the chart's font size: wide for CJK, narrow for ASCII.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * FONT
}

/// The text, shortened with an ellipsis to fit `width` at font size `font`.
pub(crate) fn fit(text: &str, width: f64, font: f64) -> String {
    let scale = font / FONT;
    if text_width(text) * scale <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if (text_width(&out) + text_width(&c.to_string())) * scale + font > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[derive(Debug, Clone, PartialEq)]
struct Placed {
    frac: f64,
    anchor: &'static str,
    text: String,
}

/// Keeps the labels that fit at `width`, left to right: a label at an edge is anchored
/// inside the chart; one that would overlap the previous one is left out.
fn place<'a>(items: impl Iterator<Item = (f64, &'a str)>, width: f64) -> Vec<Placed> {
    let mut out = Vec::new();
    let mut right = f64::NEG_INFINITY;
    for (frac, text) in items {
        let w = text_width(text);
        let x = frac * width;
        let (anchor, left) = if x - w / 2.0 < 0.0 {
            ("start", x)
        } else if x + w / 2.0 > width {
            ("end", x - w)
        } else {
            ("middle", x - w / 2.0)
        };
        if left < right + GAP {
            continue;
        }
        right = left + w;
        out.push(Placed {
            frac,
            anchor,
            text: text.to_string(),
        });
    }
    out
}

/// One visibility class per item: on both layouts, the wide one only, or phones only
/// (hidden by default, so a page without the stylesheet shows the wide layout).
fn split<'a, T: PartialEq>(wide: &'a [T], narrow: &'a [T]) -> Vec<(&'a T, &'static str)> {
    let mut out: Vec<(&T, &'static str)> = Vec::with_capacity(wide.len() + narrow.len());
    for item in wide {
        let class = if narrow.contains(item) {
            ""
        } else {
            " class=\"tl-w\""
        };
        out.push((item, class));
    }
    for item in narrow.iter().filter(|i| !wide.contains(i)) {
        out.push((item, " class=\"tl-n\" display=\"none\""));
    }
    out
}

// The axes are most of a chart's elements: written with plain pushes, not `write!`.
fn texts(svg: &mut String, wide: &[Placed], narrow: &[Placed], y: f64) {
    let y = px_text(y);
    for (p, class) in split(wide, narrow) {
        svg.push_str(r#"<text x=""#);
        Pct(p.frac).push_to(svg);
        svg.push_str(r#"" y=""#);
        svg.push_str(&y);
        svg.push('"');
        if p.anchor != "start" {
            svg.push_str(r#" text-anchor=""#);
            svg.push_str(p.anchor);
            svg.push('"');
        }
        svg.push_str(class);
        svg.push('>');
        push_xml(svg, &p.text);
        svg.push_str("</text>");
    }
}

fn lines(svg: &mut String, wide: &[f64], narrow: &[f64], y1: f64, y2: f64) {
    let (y1, y2) = (px_text(y1), px_text(y2));
    let mut x = String::new();
    for (frac, class) in split(wide, narrow) {
        x.clear();
        Pct(*frac).push_to(&mut x);
        svg.push_str(r#"<line x1=""#);
        svg.push_str(&x);
        svg.push_str(r#"" y1=""#);
        svg.push_str(&y1);
        svg.push_str(r#"" x2=""#);
        svg.push_str(&x);
        svg.push_str(r#"" y2=""#);
        svg.push_str(&y2);
        svg.push('"');
        svg.push_str(class);
        svg.push_str("/>");
    }
}

/// A coordinate shared by a whole row of elements, written once for all of them.
fn px_text(y: f64) -> String {
    let mut text = String::new();
    Px(y).push_to(&mut text);
    text
}

/// Where the axes go, in px from the chart's top.
pub(super) struct Rows {
    /// Baseline of the labels of time since the start.
    pub top: f64,
    /// The grid lines run from here...
    pub grid_top: f64,
    /// ... to here, the bottom of the lanes.
    pub bottom: f64,
}

/// The labels that stay clear of a line at `line` (a fraction of the chart's width), at the
/// narrowest `width` of their layout, where they come closest to it.
fn clear_of(placed: Vec<Placed>, line: Option<f64>, width: f64) -> Vec<Placed> {
    let Some(line) = line else { return placed };
    let x = line * width;
    placed
        .into_iter()
        .filter(|p| {
            let w = text_width(&p.text);
            let at = p.frac * width;
            let left = match p.anchor {
                "start" => at,
                "end" => at - w,
                _ => at - w / 2.0,
            };
            x < left - GAP / 2.0 || x > left + w + GAP / 2.0
        })
        .collect()
}

/// Both axes with their grid: time since the start on top, the clock below the lanes with
/// its dates on a second line and its title (with the timezone) on a third. The labels on
/// top leave room for the line at `now`, which runs through their row.
pub(super) fn draw(
    svg: &mut String,
    f: &Formatter,
    (start, end): (Instant, Instant),
    now: Option<f64>,
    rows: &Rows,
) {
    let top = ticks::elapsed_both(f, start, end);
    let (top_w, top_n) = (&top.0, &top.1);
    let (clock_w, clock_n) = ticks::clock_both(f, start, end);
    let fracs = |labels: &[Label]| labels.iter().map(|l| l.frac).collect::<Vec<f64>>();

    let _ = write!(
        svg,
        r##"<g class="tl-grid" stroke="#8c959f" stroke-opacity="0.35">"##
    );
    lines(
        svg,
        &fracs(top_w),
        &fracs(top_n),
        rows.grid_top,
        rows.bottom,
    );
    svg.push_str("</g>");
    let _ = write!(svg, r##"<g class="tl-ticks" stroke="{INK}">"##);
    lines(
        svg,
        &fracs(&clock_w),
        &fracs(&clock_n),
        rows.bottom,
        rows.bottom + 5.0,
    );
    svg.push_str("</g>");

    let _ = write!(svg, r#"<g class="tl-axis" fill="{INK}">"#);
    let main =
        |labels: &[Label], width| place(labels.iter().map(|l| (l.frac, l.text.as_str())), width);
    let context = |labels: &[Label], width| {
        place(
            labels
                .iter()
                .filter_map(|l| Some((l.frac, l.context.as_deref()?))),
            width,
        )
    };
    texts(
        svg,
        &clear_of(main(top_w, WIDE_MIN), now, WIDE_MIN),
        &clear_of(main(top_n, NARROW_MIN), now, NARROW_MIN),
        rows.top,
    );
    let clock_y = rows.bottom + 18.0;
    texts(
        svg,
        &main(&clock_w, WIDE_MIN),
        &main(&clock_n, NARROW_MIN),
        clock_y,
    );
    texts(
        svg,
        &context(&clock_w, WIDE_MIN),
        &context(&clock_n, NARROW_MIN),
        clock_y + 14.0,
    );
    let _ = write!(
        svg,
        r#"<text x="0" y="{}">{}</text></g>"#,
        Px(clock_y + 31.0),
        Xml(&format!(
            "{} ({})",
            f.strings.get("axis_clock"),
            f.zone.name()
        ))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_stay_inside_and_apart() {
        let items = [
            (0.0, "start"),
            (0.02, "+1 h"),
            (0.5, "+12 h"),
            (1.0, "+24 h"),
        ];
        let placed = place(items.iter().map(|(f, t)| (*f, *t)), 328.0);
        let shown: Vec<(&str, &str)> = placed.iter().map(|p| (p.text.as_str(), p.anchor)).collect();
        // "+1 h" would touch "start": left out.
        assert_eq!(
            shown,
            [("start", "start"), ("+12 h", "middle"), ("+24 h", "end")]
        );
    }

    #[test]
    fn labels_leave_room_for_a_line_through_their_row() {
        let items = [(0.0, "start"), (0.25, "+30 min"), (0.5, "+60 min")];
        let placed = || place(items.iter().map(|(f, t)| (*f, *t)), 328.0);
        let shown = |line| -> Vec<String> {
            clear_of(placed(), line, 328.0)
                .into_iter()
                .map(|p| p.text)
                .collect()
        };
        assert_eq!(shown(None), ["start", "+30 min", "+60 min"]);
        assert_eq!(shown(Some(0.5)), ["start", "+30 min"]);
        // Just past a label's end, the label stays.
        assert_eq!(
            shown(Some(0.5 + 30.0 / 328.0)),
            ["start", "+30 min", "+60 min"]
        );
    }

    #[test]
    fn long_names_are_shortened() {
        assert_eq!(fit("api", 100.0, FONT), "api");
        let short = fit("카카오톡 선물하기 서비스 전체", 100.0, FONT);
        assert!(
            short.ends_with('…') && text_width(&short) <= 100.0 + FONT,
            "{short}"
        );
        assert!(
            fit("카카오톡 선물하기 서비스 전체", 100.0, 11.0)
                .chars()
                .count()
                >= short.chars().count()
        );
    }

    #[test]
    fn items_of_one_layout_only_are_marked() {
        let both = split(&[1, 2, 3], &[1, 3, 4]);
        assert_eq!(
            both,
            [
                (&1, ""),
                (&2, " class=\"tl-w\""),
                (&3, ""),
                (&4, " class=\"tl-n\" display=\"none\"")
            ]
        );
    }
}
