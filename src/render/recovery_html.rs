//! The timeline's table and the step-by-step recovery as HTML, made here rather than in a
//! template: they are the chart's text twins, long on big incidents, and rendering them
//! through the template engine cost more than the rest of the page.

use std::sync::Arc;

use super::format::TimeView;
use super::i18n::Strings;
use super::view::StateView;
use crate::escape::push_xml as esc;

/// One row of the timeline's table: a service in one state from one time to another.
#[derive(Debug, Clone)]
pub(super) struct SegmentRow {
    pub service: Arc<str>,
    pub state: StateView,
    /// Part of a maintenance window still ahead of "now".
    pub planned: bool,
    pub from: TimeView,
    pub to: TimeView,
    pub from_hour: String,
    pub to_hour: String,
    pub duration: String,
    pub note: Option<String>,
}

/// One moment of the step-by-step recovery.
#[derive(Debug, Clone)]
pub(super) struct StepView {
    /// Anchor id, e.g. `h-43`.
    pub anchor: String,
    pub hour: String,
    pub at: TimeView,
    pub changes: Vec<ChangeView>,
    /// Every service's state from this step on, in lane order.
    pub states: Vec<StepCell>,
    /// How many are impaired, and how many services there are, in the language's digits.
    pub counts: (String, String),
    pub previous: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct ChangeView {
    pub service: Arc<str>,
    pub from: StateView,
    pub to: StateView,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct StepCell {
    pub service: Arc<str>,
    pub state: StateView,
}

/// Appends each piece: these lists are long on big incidents, and `write!` with escaped
/// arguments made a string of its own for every field.
fn push(out: &mut String, pieces: &[&str]) {
    for piece in pieces {
        out.push_str(piece);
    }
}

fn state_word(out: &mut String, state: &StateView) {
    push(out, &[r#"<span class="state state-"#, state.state, r#"">"#]);
    esc(out, &state.label);
    out.push_str("</span>");
}

/// The chart's facts as an accessible table: service, state, from, to, duration.
pub(super) fn table(rows: &[SegmentRow], t: &Strings) -> String {
    let mut out = String::with_capacity(256 + rows.len() * 400);
    out.push_str(r#"<div class="table-scroll" tabindex="0" role="group" aria-label=""#);
    esc(&mut out, t.get("timeline_table"));
    out.push_str(r#""><table><thead><tr>"#);
    for heading in ["service", "state", "from", "to", "duration"] {
        out.push_str(r#"<th scope="col">"#);
        esc(&mut out, t.get(heading));
        out.push_str("</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str(r#"<tr><th scope="row">"#);
        esc(&mut out, &row.service);
        out.push_str("</th><td>");
        state_word(&mut out, &row.state);
        if row.planned {
            out.push_str(" <small>(");
            esc(&mut out, t.get("planned"));
            out.push_str(")</small>");
        }
        if let Some(note) = &row.note {
            out.push_str("<br><small>");
            esc(&mut out, note);
            out.push_str("</small>");
        }
        out.push_str("</td>");
        for (at, hour) in [(&row.from, &row.from_hour), (&row.to, &row.to_hour)] {
            push(&mut out, &[r#"<td><time datetime=""#, &at.iso, r#"">"#]);
            esc(&mut out, &at.short);
            out.push_str("</time> <small>(");
            esc(&mut out, hour);
            out.push_str(")</small></td>");
        }
        out.push_str("<td>");
        esc(&mut out, &row.duration);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// Every moment something changed: what changed, how many services were impaired (under
/// `count_label`), and every service's state from then on as a row of cells; each step an
/// anchor, linked to the next.
pub(super) fn steps(steps: &[StepView], t: &Strings, count_label: &str) -> String {
    let mut out = String::with_capacity(64 + steps.len() * 600);
    out.push_str(r#"<ol class="steps">"#);
    for step in steps {
        let a = step.anchor.as_str();
        push(
            &mut out,
            &[
                r#"<li class="step" id=""#,
                a,
                r##""><p class="step-head"><a class="step-hour" href="#"##,
                a,
                r#"">"#,
            ],
        );
        esc(&mut out, &step.hour);
        push(
            &mut out,
            &[r#"</a> <time datetime=""#, &step.at.iso, r#"">"#],
        );
        esc(&mut out, &step.at.text);
        out.push_str("</time> · ");
        esc(&mut out, t.get(count_label));
        push(
            &mut out,
            &[
                ": <strong>",
                &step.counts.0,
                "</strong> / ",
                &step.counts.1,
                r#"<span class="step-nav">"#,
            ],
        );
        for (to, label, arrow) in [
            (&step.previous, "previous_page", "↑"),
            (&step.next, "next_page", "↓"),
        ] {
            if let Some(to) = to {
                push(&mut out, &[r##"<a href="#"##, to, r#"" aria-label=""#]);
                esc(&mut out, t.get(label));
                push(&mut out, &[r#"">"#, arrow, "</a>"]);
            }
        }
        out.push_str(r#"</span></p><ul class="changes">"#);
        for change in &step.changes {
            out.push_str("<li>");
            esc(&mut out, &change.service);
            out.push_str(": ");
            esc(&mut out, &change.from.label);
            push(
                &mut out,
                &[r#" → <strong class="state-"#, change.to.state, r#"">"#],
            );
            esc(&mut out, &change.to.label);
            out.push_str("</strong>");
            if let Some(note) = &change.note {
                out.push_str(" — ");
                esc(&mut out, note);
            }
            out.push_str("</li>");
        }
        // Every service's state, at a glance: a picture of what the count and the changes
        // above say in words, so screen readers skip it. Only a cell that changes here
        // carries its words as a tooltip: hundreds of repeated titles made most of a long
        // incident's page, and the rows around it say the rest.
        out.push_str(r#"</ul><p class="cells" aria-hidden="true">"#);
        for cell in &step.states {
            push(&mut out, &[r#"<i class=""#, cell.state.state, r#"""#]);
            if step.changes.iter().any(|c| c.service == cell.service) {
                out.push_str(r#" title=""#);
                esc(&mut out, &cell.service);
                out.push_str(": ");
                esc(&mut out, &cell.state.label);
                out.push('"');
            }
            out.push_str("></i>");
        }
        out.push_str("</p></li>");
    }
    out.push_str("</ol>");
    out
}
