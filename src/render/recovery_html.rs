//! The timeline's table and the step-by-step recovery as HTML, made here rather than in a
//! template: they are the chart's text twins, long on big incidents, and rendering them
//! through the template engine cost more than the rest of the page.

use std::fmt::Write as _;
use std::sync::Arc;

use super::format::TimeView;
use super::i18n::Strings;
use super::view::StateView;
use crate::escape::xml_escape as esc;

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

fn state_word(out: &mut String, state: &StateView) {
    let _ = write!(
        out,
        r#"<span class="state state-{}">{}</span>"#,
        state.state,
        esc(&state.label)
    );
}

/// The chart's facts as an accessible table: service, state, from, to, duration.
pub(super) fn table(rows: &[SegmentRow], t: &Strings) -> String {
    let mut out = String::with_capacity(256 + rows.len() * 400);
    let _ = write!(
        out,
        r#"<div class="table-scroll" tabindex="0" role="group" aria-label="{}"><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        esc(t.get("timeline_table")),
        esc(t.get("service")),
        esc(t.get("state")),
        esc(t.get("from")),
        esc(t.get("to")),
        esc(t.get("duration"))
    );
    for row in rows {
        let _ = write!(out, r#"<tr><th scope="row">{}</th><td>"#, esc(&row.service));
        state_word(&mut out, &row.state);
        if row.planned {
            let _ = write!(out, " <small>({})</small>", esc(t.get("planned")));
        }
        if let Some(note) = &row.note {
            let _ = write!(out, "<br><small>{}</small>", esc(note));
        }
        let _ = write!(
            out,
            r#"</td><td><time datetime="{}">{}</time> <small>({})</small></td><td><time datetime="{}">{}</time> <small>({})</small></td><td>{}</td></tr>"#,
            row.from.iso,
            esc(&row.from.short),
            esc(&row.from_hour),
            row.to.iso,
            esc(&row.to.short),
            esc(&row.to_hour),
            esc(&row.duration)
        );
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
        let _ = write!(
            out,
            r##"<li class="step" id="{a}"><p class="step-head"><a class="step-hour" href="#{a}">{}</a> <time datetime="{}">{}</time> · {}: <strong>{}</strong> / {}<span class="step-nav">"##,
            esc(&step.hour),
            step.at.iso,
            esc(&step.at.text),
            esc(t.get(count_label)),
            step.counts.0,
            step.counts.1,
            a = step.anchor,
        );
        if let Some(previous) = &step.previous {
            let _ = write!(
                out,
                r##"<a href="#{previous}" aria-label="{}">↑</a>"##,
                esc(t.get("previous_page"))
            );
        }
        if let Some(next) = &step.next {
            let _ = write!(
                out,
                r##"<a href="#{next}" aria-label="{}">↓</a>"##,
                esc(t.get("next_page"))
            );
        }
        out.push_str(r#"</span></p><ul class="changes">"#);
        for change in &step.changes {
            let _ = write!(
                out,
                r#"<li>{}: {} → <strong class="state-{}">{}</strong>"#,
                esc(&change.service),
                esc(&change.from.label),
                change.to.state,
                esc(&change.to.label)
            );
            if let Some(note) = &change.note {
                let _ = write!(out, " — {}", esc(note));
            }
            out.push_str("</li>");
        }
        // Every service's state, at a glance: a picture of what the count and the changes
        // above say in words, so screen readers skip it. Only a cell that changes here
        // carries its words as a tooltip: hundreds of repeated titles made most of a long
        // incident's page, and the rows around it say the rest.
        out.push_str(r#"</ul><p class="cells" aria-hidden="true">"#);
        for cell in &step.states {
            let changed = step.changes.iter().any(|c| c.service == cell.service);
            if changed {
                let _ = write!(
                    out,
                    r#"<i class="{}" title="{}"></i>"#,
                    cell.state.state,
                    esc(&format!("{}: {}", cell.service, cell.state.label))
                );
            } else {
                let _ = write!(out, r#"<i class="{}"></i>"#, cell.state.state);
            }
        }
        out.push_str("</p></li>");
    }
    out.push_str("</ol>");
    out
}
