//! `statusgen status`: what is down right now, as a table or JSON.

use serde::Serialize;

use super::args::StatusArgs;
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

pub fn run(args: &StatusArgs) -> Outcome {
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
    let when = |t| zone.local(t).format("%Y-%m-%d %H:%M %:z").to_string();
    let rows: Vec<[String; 4]> = statuses
        .iter()
        .map(|s| {
            [
                s.service.id.clone(),
                s.state.as_str().to_string(),
                s.since.map(when).unwrap_or_else(|| "-".into()),
                s.incident
                    .map(|i| i.slug.clone())
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let header = ["SERVICE", "STATE", "SINCE", "INCIDENT"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 4]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i == 3 {
                text.push_str(cell);
            } else {
                text.push_str(&format!("{cell:<w$}  ", w = widths[i]));
            }
        }
        text.trim_end().to_string() + "\n"
    };
    let overall = site.overall_at(now);
    let mut out = format!(
        "{} — {} ({}) at {} ({})\n",
        site.config.title,
        overall.description(),
        overall.indicator(),
        when(now),
        zone.name()
    );
    out.push_str(&line(header));
    for row in &rows {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3]]));
    }
    out
}
