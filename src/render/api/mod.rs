//! Atlassian Statuspage's public API v2 as static files under `api/v2/`, with its keys, types
//! and enum values and nothing more, so that existing Statuspage clients read a statusgen
//! site (strict ones reject unknown keys). The key order is Statuspage's own.
//!
//! Services are components (a `group` of status.yaml becomes a group component), incidents
//! and maintenance are incidents and scheduled maintenances, and each update lists the
//! services whose state the incident changed since the previous update as affected
//! components (`null` when none did), as Statuspage does. A maintenance also has the updates
//! Statuspage posts by itself when its window starts and ends.

use serde::Serialize;

mod components;

use std::sync::Arc;

use super::i18n::Strings;
use super::ids::short_id;
use super::job::Job;
use super::moment::{Moment, last_change};
use super::plan::Plan;
use crate::json;
use crate::model::{Incident, Instant, Kind, Phase, Posted, State, UpdateStatus};
use components::{Component, Status, component_id, components};

/// `incidents.json` and `scheduled-maintenances.json` hold the most recent 50, as Statuspage's.
const RECENT: usize = 50;

#[derive(Debug, Clone, Serialize)]
struct Page {
    id: String,
    name: String,
    url: String,
    time_zone: String,
    updated_at: String,
}

#[derive(Debug, Clone, Serialize)]
struct IncidentJson {
    id: String,
    name: String,
    status: &'static str,
    created_at: String,
    updated_at: String,
    monitoring_at: Option<String>,
    resolved_at: Option<String>,
    impact: &'static str,
    shortlink: String,
    started_at: String,
    page_id: String,
    /// Newest first.
    incident_updates: Vec<IncidentUpdate>,
    components: Vec<Component>,
    /// Scheduled maintenance only.
    #[serde(flatten)]
    schedule: Option<Schedule>,
}

#[derive(Debug, Clone, Serialize)]
struct Schedule {
    scheduled_for: String,
    scheduled_until: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct IncidentUpdate {
    id: String,
    status: &'static str,
    /// The Markdown source: Statuspage serves update bodies as plain text.
    body: String,
    incident_id: String,
    created_at: String,
    updated_at: String,
    display_at: String,
    affected_components: Option<Vec<AffectedComponent>>,
    deliver_notifications: bool,
    custom_tweet: Option<String>,
    tweet_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct AffectedComponent {
    code: String,
    name: String,
    old_status: &'static str,
    new_status: &'static str,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    page: &'a Page,
    components: &'a [Component],
    incidents: Vec<IncidentJson>,
    scheduled_maintenances: Vec<IncidentJson>,
    status: &'a Status,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    page: &'a Page,
    status: &'a Status,
}

#[derive(Serialize)]
struct ComponentsJson<'a> {
    page: &'a Page,
    components: &'a [Component],
}

#[derive(Serialize)]
struct IncidentsJson<'a> {
    page: &'a Page,
    incidents: Vec<IncidentJson>,
}

#[derive(Serialize)]
struct MaintenancesJson<'a> {
    page: &'a Page,
    scheduled_maintenances: Vec<IncidentJson>,
}

const ALL: &[Phase] = &[Phase::Upcoming, Phase::Ongoing, Phase::Resolved];
const OPEN: &[Phase] = &[Phase::Ongoing];
const UPCOMING: &[Phase] = &[Phase::Upcoming];

/// What an endpoint lists.
#[derive(Debug, Clone, Copy)]
enum Endpoint {
    Summary,
    Status,
    Components,
    /// Incidents in these phases, newest first.
    Incidents(&'static [Phase]),
    /// Maintenance in these phases, newest first.
    Maintenances(&'static [Phase]),
}

/// Every endpoint, by path under `api/v2/`.
const ENDPOINTS: &[(&str, Endpoint)] = &[
    ("summary.json", Endpoint::Summary),
    ("status.json", Endpoint::Status),
    ("components.json", Endpoint::Components),
    ("incidents.json", Endpoint::Incidents(ALL)),
    ("incidents/unresolved.json", Endpoint::Incidents(OPEN)),
    ("scheduled-maintenances.json", Endpoint::Maintenances(ALL)),
    (
        "scheduled-maintenances/upcoming.json",
        Endpoint::Maintenances(UPCOMING),
    ),
    (
        "scheduled-maintenances/active.json",
        Endpoint::Maintenances(OPEN),
    ),
];

pub(super) fn jobs<'p>(plan: &'p Plan<'_>, _: &[Job<'p>]) -> Vec<Job<'p>> {
    endpoints(&plan.moment, plan.viewer.strings)
}

/// One job per endpoint; the page, its components and status are made once, for all.
fn endpoints<'m>(moment: &'m Moment<'_>, strings: &'m Strings) -> Vec<Job<'m>> {
    let api = Arc::new(Api::new(moment, strings));
    ENDPOINTS
        .iter()
        .map(|&(path, endpoint)| {
            let api = Arc::clone(&api);
            Job::new(format!("api/v2/{path}"), move |_| {
                Ok(api.text(endpoint).into_bytes())
            })
        })
        .collect()
}

/// The page, its components and status at "now", computed once per build.
struct Api<'a> {
    moment: &'a Moment<'a>,
    /// The site's UI strings: the words of automatic updates.
    strings: &'a Strings,
    page: Page,
    components: Vec<Component>,
    status: Status,
}

impl<'a> Api<'a> {
    fn new(moment: &'a Moment<'a>, strings: &'a Strings) -> Api<'a> {
        let site = moment.site;
        let page = Page {
            id: short_id("page", &[&site.config.title]),
            name: site.config.title.clone(),
            // The site's address without the trailing `/`, as Statuspage writes it; empty
            // when unknown (no `base_url`), since any other value would be made up.
            url: moment
                .base_url
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string(),
            time_zone: site.config.zone.name().to_string(),
            updated_at: moment.timestamp(moment.last_change),
        };
        let components = components(moment, &page.id);
        Api {
            moment,
            strings,
            page,
            components,
            status: Status::of(moment.overall),
        }
    }

    fn component(&self, service: &str) -> Option<&Component> {
        let id = component_id(service);
        self.components.iter().find(|c| c.id == id && !c.group)
    }

    /// The text of `endpoint`.
    fn text(&self, endpoint: Endpoint) -> String {
        let (page, status, components) = (&self.page, &self.status, self.components.as_slice());
        match endpoint {
            Endpoint::Summary => json::to_pretty(&SummaryJson {
                page,
                components,
                incidents: self.pick(Kind::Incident, OPEN),
                scheduled_maintenances: self
                    .pick(Kind::Maintenance, &[Phase::Upcoming, Phase::Ongoing]),
                status,
            }),
            Endpoint::Status => json::to_pretty(&StatusJson { page, status }),
            Endpoint::Components => json::to_pretty(&ComponentsJson { page, components }),
            Endpoint::Incidents(phases) => json::to_pretty(&IncidentsJson {
                page,
                incidents: self.pick(Kind::Incident, phases),
            }),
            Endpoint::Maintenances(phases) => json::to_pretty(&MaintenancesJson {
                page,
                scheduled_maintenances: self.pick(Kind::Maintenance, phases),
            }),
        }
    }

    /// The most recent of `kind` in `phases`, newest first.
    fn pick(&self, kind: Kind, phases: &[Phase]) -> Vec<IncidentJson> {
        let now = self.moment.now;
        self.moment
            .visible
            .iter()
            .filter(|i| i.kind == kind && phases.contains(&i.phase(now)))
            .take(RECENT)
            .map(|i| self.incident(i))
            .collect()
    }

    fn incident(&self, incident: &Incident) -> IncidentJson {
        let moment = self.moment;
        let now = moment.now;
        let id = short_id("incident", &[&incident.slug]);
        let shown = incident.posted_until(now);
        let monitoring = shown
            .iter()
            .find(|u| matches!(u.status, UpdateStatus::Monitoring | UpdateStatus::Verifying));
        let started = match incident.kind {
            Kind::Incident => incident.started,
            // A maintenance starts when it is announced; its window is `scheduled_for`.
            Kind::Maintenance => incident.published_at(),
        };
        IncidentJson {
            name: incident.title.clone(),
            status: status_of(incident, now),
            created_at: moment.timestamp(incident.published_at()),
            updated_at: moment.timestamp(last_change(incident, now)),
            monitoring_at: monitoring.map(|u| moment.timestamp(u.at)),
            resolved_at: incident
                .resolved_at()
                .filter(|end| *end <= now)
                .map(|t| moment.timestamp(t)),
            impact: incident.impact_at(now).as_str(),
            // Relative to the site root when there is no `base_url` to make it absolute.
            shortlink: format!(
                "{}incidents/{}/",
                moment.base_url.unwrap_or(""),
                incident.slug
            ),
            started_at: moment.timestamp(started),
            page_id: self.page.id.clone(),
            incident_updates: self.updates(incident, &id),
            components: incident
                .lanes
                .iter()
                .filter_map(|l| self.component(&l.service).cloned())
                .collect(),
            schedule: (incident.kind == Kind::Maintenance).then(|| Schedule {
                scheduled_for: moment.timestamp(incident.started),
                scheduled_until: incident.resolved.map(|t| moment.timestamp(t)),
            }),
            id,
        }
    }

    /// Updates published by "now", newest first.
    fn updates(&self, incident: &Incident, incident_id: &str) -> Vec<IncidentUpdate> {
        let moment = self.moment;
        let shown = incident.posted_until(moment.now);
        let mut out: Vec<IncidentUpdate> = shown
            .iter()
            .enumerate()
            .map(|(n, u)| {
                // Same instant and status twice is legal: the ordinal among those keeps ids
                // apart without depending on updates elsewhere in the file.
                let twin = shown[..n]
                    .iter()
                    .filter(|p| p.at == u.at && p.status == u.status);
                let (at, nth) = (u.at.timestamp().to_string(), twin.count().to_string());
                let mut key = vec![incident.slug.as_str(), &at, u.status.as_str(), &nth];
                if u.is_automatic() {
                    key.push("automatic");
                }
                let before = n.checked_sub(1).map(|p| shown[p].at);
                IncidentUpdate {
                    id: short_id("incident_update", &key),
                    status: u.status.as_str(),
                    body: self.strings.update_text(u).trim_end().to_string(),
                    incident_id: incident_id.to_string(),
                    created_at: moment.timestamp(u.at),
                    updated_at: moment.timestamp(u.at),
                    display_at: moment.timestamp(u.at),
                    affected_components: self.affected(incident, before, u),
                    deliver_notifications: true,
                    custom_tweet: None,
                    tweet_id: None,
                }
            })
            .collect();
        out.reverse();
        out
    }

    /// The services whose state the incident changed between the previous update (or before
    /// the incident, for the first) and this one, with both states; `null` when none changed,
    /// as Statuspage writes it.
    fn affected(
        &self,
        incident: &Incident,
        before: Option<Instant>,
        update: &Posted,
    ) -> Option<Vec<AffectedComponent>> {
        let list: Vec<AffectedComponent> = incident
            .lanes
            .iter()
            .filter_map(|lane| {
                let old = before.map_or(State::Operational, |t| incident.lane_state(lane, t));
                let new = incident.lane_state(lane, update.at);
                (old != new).then(|| AffectedComponent {
                    code: component_id(&lane.service),
                    name: self
                        .moment
                        .site
                        .service(&lane.service)
                        .map_or_else(|| lane.service.clone(), |s| s.name.clone()),
                    old_status: old.statuspage_name(),
                    new_status: new.statuspage_name(),
                })
            })
            .collect();
        (!list.is_empty()).then_some(list)
    }
}

/// Statuspage's incident and maintenance statuses, from the phase at "now" and the latest
/// update. A resolved incident with a postmortem is `postmortem`, as on Statuspage once one
/// is published; maintenance follows its window, whatever its last update said.
fn status_of(incident: &Incident, now: Instant) -> &'static str {
    let latest = incident.posted_until(now).last().map(|u| u.status);
    match (incident.kind, incident.phase(now)) {
        (Kind::Incident, Phase::Resolved) if incident.postmortem.is_some() => "postmortem",
        (Kind::Incident, Phase::Resolved) => "resolved",
        // Resolved in an update but not yet by `resolved:`: still open, being watched.
        (Kind::Incident, _) => match latest {
            Some(status) if !status.closes() => status.as_str(),
            Some(_) => "monitoring",
            None => "investigating",
        },
        (Kind::Maintenance, Phase::Resolved) => "completed",
        (Kind::Maintenance, Phase::Ongoing) => match latest {
            Some(UpdateStatus::Verifying) => "verifying",
            _ => "in_progress",
        },
        (Kind::Maintenance, _) => "scheduled",
    }
}

#[cfg(test)]
mod tests;
