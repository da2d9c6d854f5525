//! Atlassian Statuspage's public API v2 documents (`summary.json`, `components.json`,
//! `incidents.json`, `scheduled-maintenances.json`, in any number and order, from files, a
//! folder or stdin) as a draft: the page's title and timezone, its components as services,
//! its incidents and scheduled maintenances.

mod components;
mod incident;
mod lanes;
mod shapes;
mod window;

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use components::Catalog;
use shapes::{Component, Document, Incident};

use super::{Affects, Draft, DraftIncident, ImportError, Notes, Origin};
use crate::json;
use crate::model::{Instant, Kind, SiteZone, State};

/// Reads every input (`-` is stdin, a folder is its `*.json` files) into one draft.
pub(crate) fn read(inputs: &[String]) -> Result<Draft, ImportError> {
    let mut documents = Vec::new();
    for input in inputs {
        for (name, text) in texts(input)? {
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
            let document: Document = json::from_str(text).map_err(|e| {
                ImportError::Source(format!(
                    "{name}:{}:{}: {}; is it a document of Statuspage's API v2?",
                    e.line, e.column, e.message
                ))
            })?;
            if document.page.is_none()
                && document.components.is_none()
                && document.incidents.is_none()
                && document.scheduled_maintenances.is_none()
            {
                return Err(ImportError::Source(format!(
                    "{name}: not a Statuspage API v2 document: it has none of page, components, incidents, scheduled_maintenances"
                )));
            }
            documents.push(document);
        }
    }
    Ok(draft(documents))
}

/// `(name, text)` of an input: a file, each `*.json` of a folder, or stdin.
fn texts(input: &str) -> Result<Vec<(String, String)>, ImportError> {
    if input == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(ImportError::read("stdin"))?;
        return Ok(vec![("<stdin>".into(), text)]);
    }
    let path = Path::new(input);
    let read = |path: &Path| std::fs::read_to_string(path).map_err(ImportError::read(path));
    if !path.is_dir() {
        return Ok(vec![(input.to_string(), read(path)?)]);
    }
    let mut files: Vec<_> = std::fs::read_dir(path)
        .map_err(ImportError::read(path))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(ImportError::Source(format!(
            "{} has no .json files: save summary.json, components.json, incidents.json and scheduled-maintenances.json of the page there",
            path.display()
        )));
    }
    files
        .iter()
        .map(|file| Ok((file.display().to_string(), read(file)?)))
        .collect()
}

fn draft(documents: Vec<Document>) -> Draft {
    let mut notes = Notes::default();
    let page = documents
        .iter()
        .filter_map(|d| d.page.clone())
        .find(|p| p.name.is_some());
    let listed = documents.iter().any(|d| d.components.is_some());
    if !listed {
        notes.warn("the page", "no components.json or summary.json was given: services come from the incidents, without groups, descriptions or order");
    }
    let (components, mut incidents) = gather(documents);
    incidents.sort_by_key(|(i, _)| (start_of(i), i.id.clone()));
    let mut catalog = Catalog::new(&components, listed);
    let drafts: Vec<DraftIncident> = incidents
        .iter()
        .filter_map(|(raw, kind)| incident::incident(raw, *kind, &mut catalog, &mut notes))
        .collect();
    report_overlaps(&drafts, &catalog, &mut notes);
    let zone = page
        .as_ref()
        .and_then(|p| p.time_zone.as_deref())
        .map(|name| {
            SiteZone::parse(name).unwrap_or_else(|| {
                let message = format!("its time zone '{name}' is unknown: the site uses UTC");
                notes.warn("the page", message);
                SiteZone::default()
            })
        });
    Draft {
        origin: Origin::Statuspage,
        title: page.and_then(|p| p.name),
        description: None,
        zone,
        services: catalog.services,
        incidents: drafts,
        notes,
    }
}

/// Every component and every incident once, from all the documents.
fn gather(documents: Vec<Document>) -> (Vec<Component>, Vec<(Incident, Kind)>) {
    let mut components: Vec<Component> = Vec::new();
    let mut incidents: Vec<(Incident, Kind)> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for document in documents {
        for component in document.components.unwrap_or_default() {
            let known = |c: &Component| c.id.is_some() && c.id == component.id;
            if !components.iter().any(known) {
                components.push(component);
            }
        }
        let maintenances = document.scheduled_maintenances.unwrap_or_default();
        let all = document.incidents.unwrap_or_default().into_iter().map(|i| {
            let kind = if i.scheduled_for.is_some() {
                Kind::Maintenance
            } else {
                Kind::Incident
            };
            (i, kind)
        });
        let maintenances = maintenances.into_iter().map(|i| (i, Kind::Maintenance));
        for (incident, kind) in all.chain(maintenances) {
            merge(&mut incidents, &mut by_id, incident, kind);
        }
    }
    (components, incidents)
}

/// One incident per id: of two copies (summary.json and incidents.json both list the open
/// ones), the one updated last, or else the one with more updates.
fn merge(
    incidents: &mut Vec<(Incident, Kind)>,
    by_id: &mut HashMap<String, usize>,
    incident: Incident,
    kind: Kind,
) {
    let Some(id) = incident.id.clone() else {
        incidents.push((incident, kind));
        return;
    };
    let Some(&n) = by_id.get(&id) else {
        by_id.insert(id, incidents.len());
        incidents.push((incident, kind));
        return;
    };
    let existing = &mut incidents[n];
    let rank = |i: &Incident| {
        (
            incident::time(i.updated_at.as_deref()),
            i.incident_updates.as_ref().map_or(0, Vec::len),
        )
    };
    let kind = if existing.1 == Kind::Maintenance {
        Kind::Maintenance
    } else {
        kind
    };
    if rank(&incident) > rank(&existing.0) {
        existing.0 = incident;
    }
    existing.1 = kind;
}

fn start_of(incident: &Incident) -> Option<Instant> {
    [
        &incident.scheduled_for,
        &incident.started_at,
        &incident.created_at,
    ]
    .into_iter()
    .find_map(|t| incident::time(t.as_deref()))
}

/// Statuspage keeps one status per component, so two incidents open on one component at
/// once each claim it; statusgen shows the worse of their states. Each such pair is named.
fn report_overlaps(incidents: &[DraftIncident], catalog: &Catalog, notes: &mut Notes) {
    let mut spans: HashMap<usize, Vec<(Instant, Instant, &str)>> = HashMap::new();
    for incident in incidents.iter().filter(|i| i.kind == Kind::Incident) {
        let Affects::Lanes(lanes) = &incident.affects else {
            continue;
        };
        let end = incident
            .resolved
            .or_else(|| {
                incident
                    .updates
                    .iter()
                    .find(|u| u.status.closes())
                    .map(|u| u.at)
            })
            .unwrap_or(Instant::MAX_UTC);
        for lane in lanes {
            if let Some((from, _)) = lane.entries.iter().find(|(_, s)| *s != State::Operational) {
                spans
                    .entry(lane.service)
                    .or_default()
                    .push((*from, end, &incident.subject));
            }
        }
    }
    let mut services: Vec<_> = spans.into_iter().collect();
    services.sort_by_key(|(service, _)| *service);
    for (service, mut list) in services {
        list.sort();
        for (n, (start, _, subject)) in list.iter().enumerate() {
            for (_, end, other) in &list[..n] {
                if end > start {
                    notes.warn(
                        subject,
                        format!(
                            "affects '{}' while {other} does too: Statuspage showed one state for it, statusgen shows the worse of the two",
                            catalog.services[service].name
                        ),
                    );
                }
            }
        }
    }
}
