//! The words: titles, update bodies, summaries and postmortems in Markdown (bold, lists,
//! links), and the YAML block scalars that hold them.

use std::fmt::Write as _;

use super::rng::Rng;
use super::{BASE_URL, SERVICES};

pub(super) fn title(rng: &mut Rng, service: &str, maintenance: bool) -> String {
    let patterns: &[&str] = if maintenance {
        &[
            "Scheduled database upgrade for {}",
            "Network maintenance affecting {}",
            "{} storage migration",
            "Planned security patching of {}",
        ]
    } else {
        &[
            "Elevated error rates on {}",
            "{} unavailable",
            "Slow responses from {}",
            "Intermittent {} failures",
            "Partial outage of {}",
            "Delays in {}",
        ]
    };
    rng.pick(patterns).replace("{}", service)
}

pub(super) fn update_body(rng: &mut Rng, status: &str, names: &[&str]) -> String {
    let service = names[0];
    match status {
        "investigating" => format!(
            "We are investigating reports of **{}** affecting {}. {}",
            rng.pick(&[
                "elevated error rates",
                "timeouts",
                "slow responses",
                "failed requests"
            ]),
            names.join(", "),
            rng.pick(&[
                "Some users may be unable to sign in or load their data.",
                "Requests may fail or take longer than usual.",
                "We will post an update within 30 minutes.",
            ])
        ),
        "identified" => format!(
            "The cause has been identified: {}. A fix is being rolled out.\n\n\
             - Affected: {}\n- Workaround: retry the request after a few seconds\n- Next update: in 30 minutes\n",
            rng.pick(&[
                "a faulty configuration change in the load balancer",
                "a database replica that fell behind",
                "an expired certificate on an internal endpoint",
                "a deploy that exhausted the connection pool",
            ]),
            names.join(", ")
        ),
        "monitoring" => format!(
            "A fix has been deployed and **{service}** is recovering. We are monitoring the results; \
             see the [status API]({BASE_URL}api/v2/summary.json) for live data. {}",
            rng.pick(&[
                "Queued work is being processed.",
                "Error rates are back below 1%.",
                "Latency is returning to normal levels.",
            ])
        ),
        _ => format!(
            "This incident has been resolved. {service} is operating normally. {}",
            rng.pick(&[
                "We are sorry for the disruption and will publish a postmortem.",
                "Thank you for your patience.",
                "If you still see errors, please contact support.",
            ])
        ),
    }
}

pub(super) fn summary(rng: &mut Rng, services: &[usize]) -> String {
    let names: Vec<&str> = services.iter().map(|&s| SERVICES[s].1).collect();
    format!(
        "Users of **{}** saw {} for part of the day. {} See the updates below for details.",
        names.join("**, **"),
        rng.pick(&[
            "errors",
            "slow pages",
            "failed requests",
            "delayed messages"
        ]),
        rng.pick(&[
            "Data was not lost.",
            "Some requests had to be retried.",
            "Scheduled jobs ran late and caught up afterwards.",
        ])
    )
}

pub(super) fn postmortem(rng: &mut Rng, services: &[usize]) -> String {
    let service = SERVICES[services[0]].1;
    format!(
        "## What happened\n\
         {}, which took **{service}** down for its users.\n\n\
         ## What we are changing\n\
         1. Add a canary stage to every deploy\n\
         2. Alert on connection pool saturation\n\
         3. Review the [runbook]({BASE_URL}runbooks/{}) with the on-call team\n",
        rng.pick(&[
            "A configuration change halved the connection pool",
            "A failing disk slowed the primary database",
            "A certificate expired on an internal endpoint",
        ]),
        SERVICES[services[0]].0
    )
}

/// `key: |` and the text indented under it.
pub(super) fn block(text: &mut String, key: &str, body: &str) {
    let _ = writeln!(text, "{key}: |");
    indent(text, body, "  ");
}

/// An update's `body: |`.
pub(super) fn body(text: &mut String, body: &str) {
    text.push_str("    body: |\n");
    indent(text, body, "      ");
}

fn indent(text: &mut String, body: &str, prefix: &str) {
    for line in body.trim_end().lines() {
        if line.is_empty() {
            text.push('\n');
        } else {
            let _ = writeln!(text, "{prefix}{line}");
        }
    }
}
