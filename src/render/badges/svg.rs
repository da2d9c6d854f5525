//! SVG badges: `badge.svg` for the whole site, `badges/ID.svg` per service. Shields' flat
//! style drawn without ids (a page may inline several), with `role="img"` and a `<title>`
//! for screen readers (SVG 1.1, which validators check a standalone file against, has no
//! `aria-label`), and opaque backgrounds whose text colours reach WCAG AA contrast, so a
//! badge reads the same on light and dark pages. Label and message are in the site's language.

use super::{LABEL_FILL, LIGHT_TEXT, Look, look, message, overall_message};
use crate::escape::xml_text;
use crate::model::{Overall, State};
use crate::render::job::Job;
use crate::render::moment::Moment;
use crate::render::plan::Plan;
use crate::render::view::Viewer;

const HEIGHT: u32 = 20;
/// Space left and right of each text.
const PADDING: f64 = 6.0;

pub(crate) fn jobs<'p>(plan: &'p Plan<'_>, _: &[Job<'p>]) -> Vec<Job<'p>> {
    badges(&plan.moment, &plan.viewer)
}

fn badges<'m>(moment: &'m Moment<'_>, viewer: &'m Viewer<'_>) -> Vec<Job<'m>> {
    let mut jobs = vec![Job::new("badge.svg", move |_| {
        let label = viewer.strings.get("badge_label");
        Ok(overall_svg(
            label,
            &overall_message(viewer, moment.overall),
            moment.overall,
        )
        .into_bytes())
    })];
    for status in &moment.statuses {
        let path = format!("badges/{}.svg", status.service.id);
        jobs.push(Job::new(path, move |_| {
            let message = message(viewer, status.state);
            Ok(svg(&status.service.name, message, status.state).into_bytes())
        }));
    }
    jobs
}

/// The site's badge: the page-wide level in the API's terms (`partial system outage`), in
/// the colour of its indicator.
fn overall_svg(label: &str, message: &str, overall: Overall) -> String {
    draw(label, message, &look(overall.colour()))
}

fn svg(label: &str, message: &str, state: State) -> String {
    draw(label, message, &look(state))
}

fn draw(label: &str, message: &str, look: &Look) -> String {
    let label_w = (text_width(label) + 2.0 * PADDING).round();
    let message_w = (text_width(message) + 2.0 * PADDING).round();
    let width = label_w + message_w;
    let accessible = xml_text(&format!("{label}: {message}"));
    let label_text = xml_text(label);
    let message_text = xml_text(message);
    // `textLength` pins each text to the width we measured, whatever font the viewer has.
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" role="img">
<title>{accessible}</title>
<rect width="{width}" height="{HEIGHT}" rx="3" fill="{fill}"/>
<rect width="{label_w}" height="{HEIGHT}" rx="3" fill="{LABEL_FILL}"/>
<rect x="{square}" width="4" height="{HEIGHT}" fill="{LABEL_FILL}"/>
<g font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
<text x="{label_x}" y="14" fill="{LIGHT_TEXT}" textLength="{label_len}" lengthAdjust="spacingAndGlyphs">{label_text}</text>
<text x="{message_x}" y="14" fill="{text}" textLength="{message_len}" lengthAdjust="spacingAndGlyphs">{message_text}</text>
</g>
</svg>
"##,
        fill = look.fill,
        text = look.text,
        square = label_w - 4.0,
        label_x = label_w / 2.0,
        message_x = label_w + message_w / 2.0,
        label_len = label_w - 2.0 * PADDING,
        message_len = message_w - 2.0 * PADDING,
    )
}

/// Approximate width in pixels of `text` in 11 px Verdana: wide for CJK and Hangul, narrow
/// for slim Latin letters. `textLength` makes the estimate exact on screen.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 3.5,
            ' ' | 'f' | 'r' | 't' | '(' | ')' | '[' | ']' | '-' => 4.5,
            'm' | 'w' | 'M' | 'W' => 10.0,
            'A'..='Z' => 7.5,
            c if c.is_ascii() => 6.6,
            '\u{1100}'..='\u{11ff}'
            | '\u{2e80}'..='\u{a4cf}'
            | '\u{ac00}'..='\u{d7a3}'
            | '\u{f900}'..='\u{faff}'
            | '\u{fe30}'..='\u{fe4f}'
            | '\u{ff00}'..='\u{ff60}'
            | '\u{ffe0}'..='\u{ffe6}' => 11.0,
            _ => 7.5,
        })
        .sum::<f64>()
        .max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture::{site, t, ui};
    use crate::render::job::files;

    fn build(language: &str) -> Vec<crate::output::OutputFile> {
        let (site, now) = (site(), t("2024-03-01T01:00:00Z"));
        let ui = ui(language);
        files(&badges(&Moment::new(&site, now), &ui.viewer(&site, now)))
    }

    #[test]
    fn svg_is_accessible_and_escaped() {
        let svg = svg("A <b> & \"c\"", "partial outage", State::PartialOutage);
        assert!(svg.contains(r#"role="img""#));
        assert!(!svg.contains("aria-label"), "not SVG 1.1");
        assert!(svg.contains("<title>A &lt;b&gt; &amp; &quot;c&quot;: partial outage</title>"));
        assert!(!svg.contains("<b>"));
        assert!(
            !svg.contains(" id="),
            "no ids, so badges can be inlined together"
        );
    }

    #[test]
    fn wide_scripts_get_wider_badges() {
        assert!(text_width("카카오톡") > text_width("talk"));
        assert!(text_width("WWW") > text_width("iii"));
    }

    #[test]
    fn one_badge_per_service_plus_the_overall_one() {
        let site = site();
        let files = build("en");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths[0], "badge.svg");
        assert!(paths.contains(&"badges/api.svg"));
        assert_eq!(paths.len(), 1 + site.services.len());
        let overall = String::from_utf8(files[0].bytes.clone()).unwrap();
        // One roll-up with the API: a major outage of one service in four is a partial
        // system outage, in orange.
        assert!(
            overall.contains("status: partial system outage"),
            "{overall}"
        );
        assert!(overall.contains("#f0883e"), "{overall}");
    }

    #[test]
    fn badges_speak_the_site_language() {
        let files = build("ru");
        let text = |path: &str| {
            let file = files.iter().find(|f| f.path == path).unwrap();
            String::from_utf8(file.bytes.clone()).unwrap()
        };
        let overall = text("badge.svg");
        assert!(
            overall.contains("<title>состояние: частичный сбой системы</title>"),
            "{overall}"
        );
        let api = text("badges/api.svg");
        assert!(
            api.contains("<title>The api: серьёзный сбой</title>"),
            "{api}"
        );
    }
}
