//! `statusgen status`: what is down right now, as a table or JSON.

use serde::Serialize;

use super::args::StatusArgs;
use super::table::clock;
use super::{Outcome, open_site};
use crate::model::time::format_rfc3339;
use crate::model::{ServiceStatus, Site};

#[derive(Serialize)]
struct StatusJson<'a> {
    now: String,
    /// The page-wide roll-up, as the API's `status.json` and the banner have it.
    status: OverallJson,
    services: Vec<ServiceJson<'a>>,
}

#[derive(Serialize)]
struct OverallJson {
    indicator: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct ServiceJson<'a> {
    id: &'a str,
    name: &'a str,
    state: &'static str,
}

pub(super) fn run(args: &StatusArgs) -> Outcome {
    let (project, _) = open_site(&args.site.root, args.site.options()?)?;
    let (site, now) = (&project.site, project.now);
    let statuses = site.statuses_at(now);
    if args.json {
        let overall = site.overall_at(now);
        let json = StatusJson {
            now: format_rfc3339(site.config.zone.local(now)),
            status: OverallJson {
                indicator: overall.indicator(),
                description: overall.description(),
            },
            services: statuses
                .iter()
                .map(|s| ServiceJson {
                    id: &s.service.id,
                    name: &s.service.name,
                    state: s.state.as_str(),
                })
                .collect(),
        };
        print!("{}", crate::json::to_pretty(&json));
    } else {
        print!("{}", table(site, &statuses, now));
    }
    Ok(())
}

fn table(site: &Site, statuses: &[ServiceStatus], now: crate::model::Instant) -> String {
    let zone = site.config.zone;
    let header = ["SERVICE", "STATE", "SINCE", "INCIDENT"].map(String::from);
    let rows = statuses.iter().map(|s| {
        [
            s.service.id.clone(),
            s.state.as_str().to_string(),
            s.since.map_or_else(|| "-".into(), |t| clock(zone, t)),
            s.incident.map_or_else(|| "-".into(), |i| i.slug.clone()),
        ]
    });
    let rows: Vec<[String; 4]> = std::iter::once(header).chain(rows).collect();
    let overall = site.overall_at(now);
    format!(
        "{} — {} ({}) at {} ({})\n{}",
        site.config.title,
        overall.description(),
        overall.indicator(),
        clock(zone, now),
        zone.name(),
        super::table::table(&rows)
    )
}
