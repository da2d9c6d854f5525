//! Status badges: `badge.svg` for the whole site, `badges/ID.svg` per service, and shields.io
//! endpoint JSON `badges/ID.json` so a README can show a shields badge of any style.
//!
//! The SVG is shields' flat style drawn without ids (a page may inline several), with
//! `role="img"` and a `<title>` for screen readers (SVG 1.1, which validators check a
//! standalone file against, has no `aria-label`), and opaque backgrounds whose
//! text colours reach WCAG AA contrast, so a badge reads the same on light and dark pages.

use serde::Serialize;

use super::{FeedInput, xml_text};
use crate::json;
use crate::model::{Overall, State};
use crate::output::OutputFile;

/// The label half: shields' grey with white text (7.5:1).
const LABEL_FILL: &str = "#555555";
const LIGHT_TEXT: &str = "#ffffff";
const DARK_TEXT: &str = "#1f2328";
const HEIGHT: u32 = 20;
/// Space left and right of each text.
const PADDING: f64 = 6.0;

/// How a state looks on a badge: message, fill, text colour, and shields' named colour.
struct Look {
    message: &'static str,
    fill: &'static str,
    text: &'static str,
    shields: &'static str,
}

fn look(state: State) -> Look {
    let (message, fill, text, shields) = match state {
        State::Operational => ("operational", "#1a7f37", LIGHT_TEXT, "brightgreen"),
        State::Maintenance => ("maintenance", "#0969da", LIGHT_TEXT, "blue"),
        State::Degraded => ("degraded", "#f1c232", DARK_TEXT, "yellow"),
        State::PartialOutage => ("partial outage", "#f0883e", DARK_TEXT, "orange"),
        State::MajorOutage => ("major outage", "#cf222e", LIGHT_TEXT, "red"),
    };
    Look {
        message,
        fill,
        text,
        shields,
    }
}

/// A shields.io endpoint response: exactly the keys shields accepts.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Endpoint<'a> {
    schema_version: u8,
    label: &'a str,
    message: &'a str,
    color: &'a str,
    /// Shields' minimum; the badge follows a rebuild within five minutes.
    cache_seconds: u32,
}

pub(super) fn files(input: &FeedInput) -> Vec<OutputFile> {
    let site = input.site;
    let overall = site.overall_at(input.now);
    let mut files = vec![OutputFile::new(
        "badge.svg",
        overall_svg(overall).into_bytes(),
    )];
    for status in site.statuses_at(input.now) {
        let id = &status.service.id;
        let name = &status.service.name;
        files.push(OutputFile::new(
            &format!("badges/{id}.svg"),
            svg(name, status.state).into_bytes(),
        ));
        let endpoint = Endpoint {
            schema_version: 1,
            label: name,
            message: look(status.state).message,
            color: look(status.state).shields,
            cache_seconds: 300,
        };
        files.push(OutputFile::new(
            &format!("badges/{id}.json"),
            json::to_pretty(&endpoint).into_bytes(),
        ));
    }
    files
}

/// The site's badge: the page-wide level in the API's words (`partial system outage`), in
/// the colour of its indicator.
fn overall_svg(overall: Overall) -> String {
    let message = overall.description().to_lowercase();
    draw("status", &message, &look(overall.colour()))
}

fn svg(label: &str, state: State) -> String {
    let look = look(state);
    draw(label, look.message, &look)
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
    use super::super::fixture::{site, t};
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn every_text_meets_wcag_aa_contrast() {
        assert!(contrast(LABEL_FILL, LIGHT_TEXT) >= 4.5);
        for state in State::ALL {
            let l = look(state);
            let ratio = contrast(l.fill, l.text);
            assert!(ratio >= 4.5, "{state:?}: {ratio:.2}");
        }
    }

    #[test]
    fn svg_is_accessible_and_escaped() {
        let svg = svg("A <b> & \"c\"", State::PartialOutage);
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
        let strings = crate::render::i18n::builtin("en");
        let input = FeedInput {
            site: &site,
            now: t("2024-03-01T01:00:00Z"),
            base_url: None,
            strings: &strings,
        };
        let files = files(&input);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths[0], "badge.svg");
        assert!(paths.contains(&"badges/api.svg") && paths.contains(&"badges/api.json"));
        assert_eq!(paths.len(), 1 + 2 * site.services.len());
        let overall = String::from_utf8(files[0].bytes.clone()).unwrap();
        // One roll-up with the API: a major outage of one service in four is a partial
        // system outage, in orange.
        assert!(
            overall.contains("status: partial system outage"),
            "{overall}"
        );
        assert!(overall.contains("#f0883e"), "{overall}");
        let api = json::parse(&String::from_utf8(files[2].bytes.clone()).unwrap()).unwrap();
        let keys: Vec<&str> = api
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["schemaVersion", "label", "message", "color", "cacheSeconds"]
        );
        assert_eq!(api["schemaVersion"], 1);
        assert_eq!(api["label"], "The api");
        assert_eq!(api["message"], "major outage");
        assert_eq!(api["color"], "red");
    }
}
