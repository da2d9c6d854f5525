//! The timeline's legend, as HTML beside the chart so that it wraps on a phone: a swatch of
//! each state shown (colour and pattern, as in the chart), planned time and update marks.

use super::paint::{MARK, fill, patterns_for};
use crate::escape::push_xml;
use crate::model::State;
use crate::render::i18n::Strings;

/// What the chart shows besides states.
pub(super) struct Extras {
    pub planned: bool,
    pub updates: bool,
}

/// `id` makes the swatches' pattern ids unique on the page.
pub(super) fn html(id: &str, used: &[State], extras: &Extras, t: &Strings) -> String {
    let key = format!("{id}-key");
    let mut out = String::from(r#"<ul class="tl-legend">"#);
    for &state in used {
        let swatch = |out: &mut String| {
            out.push_str(&patterns_for(&key, &[state]));
            out.push_str(r#"<rect x="0.5" y="0.5" width="19" height="11" rx="2" fill=""#);
            out.push_str(&fill(&key, state));
            out.push_str(r##"" stroke="#24292f" stroke-opacity="0.3"/>"##);
        };
        item(&mut out, swatch, &t.state_label(state));
    }
    if extras.planned {
        let swatch = r##"<rect x="1" y="1" width="18" height="10" rx="2" fill="#0969da" fill-opacity="0.15" stroke="#0969da" stroke-dasharray="3 2"/>"##;
        item(&mut out, |out| out.push_str(swatch), t.get("planned"));
    }
    if extras.updates {
        let swatch = |out: &mut String| {
            out.push_str(r#"<circle cx="10" cy="6" r="3.5" fill=""#);
            out.push_str(MARK);
            out.push_str(r#""/>"#);
        };
        item(&mut out, swatch, t.get("update_posted"));
    }
    out.push_str("</ul>");
    out
}

// Every chart has a legend: written with plain pushes, not `write!`.
fn item(out: &mut String, swatch: impl FnOnce(&mut String), label: &str) {
    out.push_str(r#"<li><svg width="20" height="12" viewBox="0 0 20 12" aria-hidden="true">"#);
    swatch(out);
    out.push_str("</svg> ");
    push_xml(out, label);
    out.push_str("</li>");
}
