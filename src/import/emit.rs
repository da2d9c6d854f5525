//! The text of imported files: incident files and the service entries of `status.yaml`, in
//! the layout a person would write, every string from the source quoted by `yaml_text`.

use std::fmt::Write as _;

use chrono::Duration;

use super::yaml_text::{id, quoted, text_field};
use super::{Affects, DraftIncident, DraftService, KEY_PREFIX};
use crate::model::{Instant, Kind, SiteZone, time::format_rfc3339};

/// An incident file. `ids` gives the service id of each draft service.
pub(crate) fn incident(incident: &DraftIncident, ids: &[String], zone: SiteZone) -> String {
    let mut out = String::with_capacity(512 + incident.updates.len() * 256);
    let _ = writeln!(out, "{KEY_PREFIX}{}", incident.key);
    let _ = writeln!(out, "title: {}", quoted(&incident.title));
    if incident.kind == Kind::Maintenance {
        out.push_str("kind: maintenance\n");
    }
    let _ = writeln!(out, "started: {}", timestamp(incident.started, zone));
    if let Some(end) = incident.resolved {
        let _ = writeln!(out, "resolved: {}", timestamp(end, zone));
    }
    if let Some(impact) = incident.impact {
        let _ = writeln!(out, "impact: {}", impact.as_str());
    }
    if let Some(summary) = &incident.summary {
        text_field(&mut out, 0, "summary", summary);
    }
    services(&mut out, incident, ids);
    if !incident.updates.is_empty() {
        out.push_str("updates:\n");
    }
    for update in &incident.updates {
        let _ = writeln!(out, "  - at: {}", at(update.at - incident.started));
        let _ = writeln!(out, "    status: {}", update.status.as_str());
        if !update.body.is_empty() {
            text_field(&mut out, 4, "body", &update.body);
        }
    }
    if let Some(postmortem) = &incident.postmortem {
        text_field(&mut out, 0, "postmortem", postmortem);
    }
    out
}

fn services(out: &mut String, incident: &DraftIncident, ids: &[String]) {
    match &incident.affects {
        Affects::Window(services) => {
            let list: Vec<String> = services.iter().map(|s| id(&ids[*s])).collect();
            let _ = writeln!(out, "services: [{}]", list.join(", "));
        }
        Affects::Lanes(lanes) if lanes.is_empty() => out.push_str("services: []\n"),
        Affects::Lanes(lanes) => {
            out.push_str("services:\n");
            for lane in lanes {
                let _ = writeln!(out, "  {}:", id(&ids[lane.service]));
                for (t, state) in &lane.entries {
                    let _ = writeln!(
                        out,
                        "    - {{ at: {}, state: {} }}",
                        at(*t - incident.started),
                        state.as_str()
                    );
                }
            }
        }
    }
}

/// One service of `status.yaml`, as a list item at `indent`, with the source's key as a
/// comment when it is a plain token (a later import matches the service by it).
pub(crate) fn service(
    service: &DraftService,
    service_id: &str,
    key: Option<&str>,
    indent: usize,
) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}- id: {}", id(service_id));
    if let Some(key) = key {
        let _ = write!(out, "  {KEY_PREFIX}{key}");
    }
    out.push('\n');
    let _ = writeln!(out, "{pad}  name: {}", quoted(&service.name));
    if let Some(description) = &service.description {
        let _ = writeln!(out, "{pad}  description: {}", quoted(description));
    }
    if let Some(group) = &service.group {
        let _ = writeln!(out, "{pad}  group: {}", quoted(group));
    }
    if let Some(since) = service.since {
        let _ = writeln!(out, "{pad}  since: {}", since.format("%Y-%m-%d"));
    }
    out
}

/// A new `status.yaml`: settings, then the services written by [`service`].
pub(crate) fn status_yaml(
    title: &str,
    description: Option<&str>,
    zone: SiteZone,
    services: &str,
    origin: &str,
) -> String {
    let mut out = format!(
        "# Imported from {origin} by `statusgen import`. A later import keeps this file and only\n\
         # adds the services it does not find here (by the key after `imported-from:`, else by name).\n"
    );
    let _ = writeln!(out, "title: {}", quoted(title));
    if let Some(description) = description {
        let _ = writeln!(out, "description: {}", quoted(description));
    }
    let _ = writeln!(out, "timezone: {}", quoted(zone.name()));
    out.push_str("services:\n");
    out.push_str(services);
    out
}

fn timestamp(t: Instant, zone: SiteZone) -> String {
    format_rfc3339(zone.local(t))
}

/// Time since the start as `at` reads it: `0`, `45s`, `1h30m`, `127h30m5s`, `-48h`.
pub(crate) fn at(d: Duration) -> String {
    let seconds = d.num_seconds();
    if seconds == 0 {
        return "0".into();
    }
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let mut out = sign.to_string();
    for (value, unit) in [(s / 3600, 'h'), (s / 60 % 60, 'm'), (s % 60, 's')] {
        if value > 0 {
            let _ = write!(out, "{value}{unit}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::{At, parse_at};

    #[test]
    fn at_reads_back_as_the_same_offset() {
        for seconds in [
            0_i64, 1, 59, 60, 61, 3600, 5400, 86_399, 459_005, -172_800, -61,
        ] {
            let text = at(Duration::seconds(seconds));
            assert_eq!(
                parse_at(&text, SiteZone::default()),
                Ok(At::Offset(Duration::seconds(seconds))),
                "{text}"
            );
        }
        assert_eq!(at(Duration::seconds(5400)), "1h30m");
        assert_eq!(at(Duration::seconds(-172_800)), "-48h");
        assert_eq!(at(Duration::seconds(3605)), "1h5s");
    }
}
