use chrono::Duration;

use super::*;
use crate::model::fixtures::incident;
use crate::model::time::hours;
use crate::model::{Incident, Instant, SiteZone, Update, UpdateStatus};
use crate::render::Ui;
use crate::render::fixture::ui as builtin;

fn chart<'a>(i: &'a Incident, now: Instant, ui: &'a Ui) -> (String, String) {
    render(&Chart {
        incident: i,
        lanes: i
            .lanes
            .iter()
            .map(|lane| LaneRef {
                lane,
                name: lane.service.clone(),
                moves: 0,
            })
            .collect(),
        now,
        fmt: ui.formatter(SiteZone::parse("Asia/Seoul").unwrap()),
        id: "tl-x".into(),
    })
}

fn talk() -> Incident {
    incident(
        "fire",
        "2022-10-15T06:30:00Z",
        vec![
            (
                "kakaotalk",
                vec![
                    (0.0, State::MajorOutage),
                    (10.0, State::PartialOutage),
                    (43.0, State::Degraded),
                ],
            ),
            (
                "kakaopay",
                vec![(0.0, State::MajorOutage), (22.0, State::Operational)],
            ),
        ],
    )
}

#[test]
fn a_change_at_exactly_now_shows_the_new_state() {
    let en = builtin("en");
    let i = talk();
    let (svg, _) = chart(&i, i.started + hours(43.0).unwrap(), &en);
    // The last sliver of the bar is the new state, and the lane says it in words.
    assert!(
        svg.contains(r#"<rect class="tl-degraded" x="100%" y="63" width="7" height="20" fill="url(#tl-x-degraded)" transform="translate(-7 0)"/>"#),
        "{svg}"
    );
    assert!(svg.contains(r#"state-degraded" x="100%""#), "{svg}");
    assert!(svg.contains(">Degraded performance</text>"), "{svg}");
    assert!(svg.contains(">Operational</text>"), "{svg}");
    // A state that has lasted long enough needs no sliver.
    let (later, _) = chart(&i, i.started + hours(60.0).unwrap(), &en);
    assert!(!later.contains("translate(-7 0)"), "{later}");
}

#[test]
fn the_chart_has_no_fixed_width_and_no_links() {
    let en = builtin("en");
    let i = talk();
    let (svg, legend) = chart(&i, i.started + hours(43.0).unwrap(), &en);
    assert!(
        svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="100%""#)
    );
    assert!(!svg.contains("viewBox") && !svg.contains("<a ") && !svg.contains("paint-order"));
    assert!(legend.contains("Major outage") && !legend.contains("Update posted"));
    roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
}

fn window() -> Incident {
    let mut m = incident(
        "db",
        "2024-03-14T01:00:00Z",
        vec![(
            "db",
            vec![(0.0, State::Maintenance), (1.5, State::Operational)],
        )],
    );
    m.kind = Kind::Maintenance;
    m.resolved = Some(m.started + hours(2.0).unwrap());
    m.updates.push(Update {
        at: m.started - hours(48.0).unwrap(),
        status: UpdateStatus::Scheduled,
        body: "Planned".into(),
    });
    m
}

#[test]
fn a_maintenance_spans_its_window_with_now_inside() {
    let en = builtin("en");
    let m = window();
    let (during, legend) = chart(&m, m.started + hours(0.5).unwrap(), &en);
    assert!(
        during.contains(r#"<g class="tl-now tl-maint"><line x1="25%""#),
        "{during}"
    );
    // Maintenance blue, as the banner uses, for the line and its label.
    let now = during.split(r#"<g class="tl-now"#).nth(1).unwrap();
    let now = &now[..now.find("</g>").unwrap()];
    assert_eq!(now.matches(r##""#0969da""##).count(), 2, "{now}");
    assert!(!during.contains("#cf222e"), "no outage red: {during}");
    // The line runs through the top axis's row: the label it would cross is left out.
    assert!(
        !during.contains(">+30 min</text>") && during.contains(">+60 min</text>"),
        "{during}"
    );
    assert!(during.contains(">planned end</text>"), "{during}");
    assert!(
        during.contains(r#"stroke-dasharray="4 3"><title>db: Maintenance (Planned)"#),
        "{during}"
    );
    assert!(
        legend.contains("Planned") && legend.contains("Update posted"),
        "{legend}"
    );
    // The automatic "in progress" is marked at the start.
    assert!(
        during.contains("In progress · March 14, 2024 at 10:00\u{202f}AM GMT+9 (Automatic)"),
        "{during}"
    );
    let (before, _) = chart(&m, m.started - hours(1.0).unwrap(), &en);
    assert!(
        !before.contains("tl-now")
            && before.contains(">planned end</text>")
            && before.contains(">+30 min</text>"),
        "{before}"
    );
    let (after, _) = chart(&m, m.started + hours(3.0).unwrap(), &en);
    assert!(
        after.contains(">Completed</text>") && !after.contains("Planned)"),
        "{after}"
    );
}

#[test]
fn a_twenty_year_window_stays_small() {
    let en = builtin("en");
    let mut m = window();
    m.resolved = Some(m.started + Duration::days(7305));
    for now in [
        m.started + Duration::days(4000),
        m.started + Duration::days(8000),
    ] {
        let (svg, _) = chart(&m, now, &en);
        assert!(svg.len() < 12_000, "{} bytes", svg.len());
        assert!(svg.matches("<line").count() < 40, "{svg}");
    }
}

#[test]
fn one_service_is_counted_in_the_singular() {
    let en = builtin("en");
    let one = incident(
        "one",
        "2022-10-15T06:30:00Z",
        vec![(
            "kakaotalk",
            vec![(0.0, State::MajorOutage), (2.0, State::Operational)],
        )],
    );
    let (svg, _) = chart(&one, one.started + hours(3.0).unwrap(), &en);
    assert!(
        svg.contains("<desc id=\"tl-x-desc\">1 service from "),
        "{svg}"
    );
    let (svg, _) = chart(&talk(), talk().started + hours(3.0).unwrap(), &en);
    assert!(
        svg.contains("<desc id=\"tl-x-desc\">2 services from "),
        "{svg}"
    );
}

fn description(svg: &str) -> &str {
    let from = svg.find(r#"<desc id="tl-x-desc">"#).expect("a description") + 21;
    &svg[from..from + svg[from..].find("</desc>").unwrap()]
}

#[test]
fn a_maintenance_is_described_by_what_is_in_maintenance() {
    let en = builtin("en");
    let m = window();
    let (during, _) = chart(&m, m.started + hours(0.5).unwrap(), &en);
    let text = description(&during);
    assert!(!text.contains("not operational"), "{text}");
    assert!(text.contains("; 1 under maintenance at the end."), "{text}");
    let (after, _) = chart(&m, m.started + hours(3.0).unwrap(), &en);
    let text = description(&after);
    assert!(text.contains("; 0 under maintenance at the end."), "{text}");
    let de = builtin("de");
    let (during, _) = chart(&m, m.started + hours(0.5).unwrap(), &de);
    let text = description(&during);
    assert!(!text.contains("nicht betriebsbereit"), "{text}");
    assert!(text.contains("am Ende in Wartung: 1."), "{text}");
    // An incident keeps counting what is not operational.
    let (svg, _) = chart(&talk(), talk().started + hours(3.0).unwrap(), &en);
    let text = description(&svg);
    assert!(text.contains("; 2 not operational at the end."), "{text}");
}

/// The stylesheet moves lanes by whole rows: its rules must follow the lane height here, for
/// every move a chart sorted in place can need.
#[test]
fn the_stylesheet_moves_lanes_by_whole_rows() {
    let (_, css) = crate::theme::builtin_files()
        .iter()
        .find(|(path, _)| *path == "static/style.css")
        .expect("the built-in stylesheet");
    let css = std::str::from_utf8(css).unwrap();
    let most = crate::render::recovery_view::SORTS_IN_PLACE - 1;
    for rows in 1..=most {
        let px = Px(rows as f64 * lane::ROW);
        for rule in [
            format!(".tl-figure:target .tl-up-{rows} {{ transform: translateY(-{px}px); }}"),
            format!(".tl-figure:target .tl-down-{rows} {{ transform: translateY({px}px); }}"),
        ] {
            assert!(css.contains(&rule), "style.css lacks {rule}");
        }
    }
    assert!(!css.contains(&format!(".tl-up-{} ", most + 1)));
}

#[test]
fn a_lane_that_moves_says_by_how_many_rows() {
    let en = builtin("en");
    let i = talk();
    let mut c = Chart {
        incident: &i,
        lanes: i
            .lanes
            .iter()
            .zip([1, -1])
            .map(|(lane, moves)| LaneRef {
                lane,
                name: lane.service.clone(),
                moves,
            })
            .collect(),
        now: i.started + hours(50.0).unwrap(),
        fmt: en.formatter(SiteZone::parse("Asia/Seoul").unwrap()),
        id: "tl-x".into(),
    };
    let (svg, _) = render(&c);
    let talk = svg.find(r#"<g class="tl-lane tl-down-1"><text x="0" y="58""#);
    let pay = svg.find(r#"<g class="tl-lane tl-up-1"><text x="0" y="100""#);
    assert!(talk.is_some() && pay.is_some(), "{svg}");
    c.lanes.iter_mut().for_each(|l| l.moves = 0);
    assert_eq!(render(&c).0.matches(r#"<g class="tl-lane">"#).count(), 2);
}
