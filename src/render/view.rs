//! What templates see: plain serializable views of the model at "now", computed once per
//! build and shared by every page that shows them. `themes/README.md` documents these fields.

use std::sync::Arc;

use serde::Serialize;

use super::format::{Formatter, TimeView};
use super::i18n::Strings;
use super::links::{Link, incident_url, service_url};
use super::uptime_view::{Bars, UptimeView};
use crate::escape::xml_escape;
use crate::language::Language;
use crate::markdown;
use crate::model::{Incident, Instant, Kind, Overall, Phase, Posted, ServiceStatus, Site, State};

/// What every template sees as `site`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Globals {
    pub title: String,
    pub description: Option<String>,
    /// The page's `lang`: a BCP 47 tag such as `en`, `pt-BR`, `zh-Hant`.
    pub language: String,
    /// The page's `dir`: `rtl` for languages written right to left, else `ltr`.
    pub dir: &'static str,
    pub timezone: String,
    pub base_url: Option<String>,
    pub now: TimeView,
    pub overall: OverallView,
    pub generator: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StateView {
    /// `operational`, `maintenance`, `degraded`, `partial_outage` or `major_outage`.
    pub state: &'static str,
    /// Shared: a page shows the same few states many times over.
    pub label: Arc<str>,
}

/// The page-wide status: the one roll-up the banner, the API, the embed and the badges share.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OverallView {
    /// The state whose colour and icon show it (`partial_outage` for a partial system outage).
    pub state: &'static str,
    /// Statuspage's indicator: `none`, `maintenance`, `minor`, `major` or `critical`.
    pub indicator: &'static str,
    /// The level: `all_operational`, `under_maintenance`, `partially_degraded`,
    /// `degraded_system`, `minor_outage`, `partial_system_outage`, `major_system_outage`.
    pub level: &'static str,
    /// The banner sentence ("Partial system outage").
    pub headline: Arc<str>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServiceView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub group: Option<String>,
    pub url: String,
    pub state: StateView,
    pub since: Option<TimeView>,
    pub incident: Option<Link>,
    pub uptime: UptimeView,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupView {
    pub name: Option<String>,
    pub state: StateView,
    pub services: Vec<ServiceView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UpdateView {
    pub status: &'static str,
    pub label: String,
    pub at: TimeView,
    /// Time since the start, signed: `+43 h`, `-48 h` for announcements.
    pub hour: String,
    pub body_html: String,
    /// Posted by the maintenance window itself (its start or end), not written in the file.
    pub automatic: bool,
}

/// Services a card links to; its incident's page has them all.
pub(super) const AFFECTED_ON_CARD: usize = 20;

/// A card, shared by every page that lists it.
pub(super) type Card = std::sync::Arc<IncidentCard>;

/// An incident as lists show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IncidentCard {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub kind: &'static str,
    pub kind_label: String,
    /// `upcoming`, `ongoing` or `resolved` at "now".
    pub phase: &'static str,
    /// In the words of its kind: "Ongoing" for an incident, "In progress" for a maintenance.
    pub phase_label: String,
    pub impact: &'static str,
    pub impact_label: String,
    pub worst: StateView,
    pub started: TimeView,
    pub resolved: Option<TimeView>,
    /// The end of a maintenance's planned window (its start is `started`), its `text` and
    /// `short` the time alone when it ends the day it starts; null for incidents.
    pub planned_end: Option<TimeView>,
    pub duration: String,
    /// The first [`AFFECTED_ON_CARD`] services it affects: a card stays small however many.
    pub affected: Vec<Link>,
    /// How many more it affects ("488", in the language's digits), or null.
    pub affected_more: Option<String>,
    pub latest: Option<UpdateView>,
    pub summary_text: String,
    pub month: String,
}

/// The rest of an incident, for its own page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IncidentDetail {
    pub summary_html: Option<String>,
    pub postmortem_html: Option<String>,
    /// Newest first, as status pages list them.
    pub updates: Vec<UpdateView>,
}

/// Builds views with one formatter, language and "now".
pub(crate) struct Viewer<'a> {
    pub site: &'a Site,
    pub now: Instant,
    pub fmt: Formatter<'a>,
    pub strings: &'a Strings,
    pub language: &'a Language,
}

impl Viewer<'_> {
    pub(crate) fn state(&self, state: State) -> StateView {
        StateView {
            state: state.as_str(),
            label: self.strings.state_label(state),
        }
    }

    pub(crate) fn overall(&self, overall: Overall) -> OverallView {
        OverallView {
            state: overall.colour().as_str(),
            indicator: overall.indicator(),
            level: overall.as_str(),
            headline: self.strings.headline(overall),
        }
    }

    /// The `site` of every template, with the page-wide status at "now".
    pub(crate) fn globals(&self, overall: Overall) -> Globals {
        let c = &self.site.config;
        Globals {
            title: c.title.clone(),
            description: c.description.clone(),
            language: self.language.tag.clone(),
            dir: self.language.dir,
            timezone: c.zone.name().to_string(),
            base_url: c.base_url.clone(),
            now: self.fmt.time(self.now),
            overall: self.overall(overall),
            generator: format!("statusgen {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// Every service as pages show it, from its standing at "now" (`statuses`, catalog order).
    pub(crate) fn services(&self, statuses: &[ServiceStatus]) -> Vec<ServiceView> {
        let touching = crate::model::uptime::incidents_by_service(self.site);
        let bars = Bars::new(self.site, self.fmt, self.now);
        // Each service's bars read every incident of its own: a few milliseconds each on a
        // large site, while nothing else runs.
        crate::parallel::map(statuses, |s| ServiceView {
            uptime: bars.view(
                &s.service.id,
                touching
                    .get(s.service.id.as_str())
                    .map_or(&[], Vec::as_slice),
            ),
            id: s.service.id.clone(),
            name: s.service.name.clone(),
            description: s.service.description.clone(),
            group: s.service.group.clone(),
            url: service_url(&s.service.id),
            state: self.state(s.state),
            since: s.since.map(|t| self.fmt.time(t)),
            incident: s.incident.map(|i| Link {
                title: i.title.clone(),
                url: incident_url(&i.slug),
            }),
        })
    }

    /// Services grouped in catalog order, each with its state (`states`, same order);
    /// ungrouped services form groups without a name.
    pub(crate) fn groups(&self, services: &[ServiceView], states: &[State]) -> Vec<GroupView> {
        group_members(services)
            .into_iter()
            .map(|(name, members)| GroupView {
                name,
                state: self.state(worst_of(&members, states)),
                services: members.iter().map(|&i| services[i].clone()).collect(),
            })
            .collect()
    }

    pub(crate) fn update(&self, incident: &Incident, u: &Posted) -> UpdateView {
        let body_html = match u.written {
            Some(written) => markdown::to_html(&written.body),
            None => format!("<p>{}</p>\n", xml_escape(self.strings.update_text(u))),
        };
        UpdateView {
            status: u.status.as_str(),
            label: self
                .strings
                .get(&format!("status_{}", u.status.as_str()))
                .to_string(),
            at: self.fmt.time(u.at),
            hour: self.fmt.offset(u.at - incident.started),
            body_html,
            automatic: u.is_automatic(),
        }
    }

    pub(crate) fn card(&self, incident: &Incident) -> IncidentCard {
        let phase = incident.phase(self.now);
        let impact = incident.impact_at(self.now);
        let resolved = incident.resolved_at().filter(|end| *end <= self.now);
        let planned_end = match incident.kind {
            Kind::Maintenance => incident
                .resolved
                .map(|end| self.window_end(incident.started, end)),
            Kind::Incident => None,
        };
        let phase_name = match phase {
            Phase::Upcoming => "upcoming",
            Phase::Resolved => "resolved",
            Phase::Ongoing | Phase::Hidden => "ongoing",
        };
        let shown_end = incident.end_at(self.now);
        IncidentCard {
            slug: incident.slug.clone(),
            url: incident_url(&incident.slug),
            title: incident.title.clone(),
            kind: incident.kind.as_str(),
            kind_label: self
                .strings
                .get(&format!("kind_{}", incident.kind.as_str()))
                .to_string(),
            phase: phase_name,
            phase_label: self
                .strings
                .get(&match incident.kind {
                    Kind::Incident => format!("phase_{phase_name}"),
                    Kind::Maintenance => format!("phase_maintenance_{phase_name}"),
                })
                .to_string(),
            impact: impact.as_str(),
            impact_label: self
                .strings
                .get(&format!("impact_{}", impact.as_str()))
                .to_string(),
            worst: self.state(incident.worst_state(self.now)),
            started: self.fmt.time(incident.started),
            resolved: resolved.map(|t| self.fmt.time(t)),
            planned_end,
            duration: self.fmt.duration(shown_end - incident.started),
            affected_more: (incident.lanes.len() > AFFECTED_ON_CARD).then(|| {
                self.fmt
                    .number((incident.lanes.len() - AFFECTED_ON_CARD) as i64)
            }),
            affected: incident
                .lanes
                .iter()
                .take(AFFECTED_ON_CARD)
                .map(|l| Link {
                    title: self
                        .site
                        .service(&l.service)
                        .map_or_else(|| l.service.clone(), |s| s.name.clone()),
                    url: service_url(&l.service),
                })
                .collect(),
            latest: incident
                .posted_until(self.now)
                .last()
                .map(|u| self.update(incident, u)),
            summary_text: incident
                .summary
                .as_deref()
                .map(markdown::to_plain_text)
                .unwrap_or_default(),
            month: self.fmt.month(incident.started),
        }
    }

    /// The end of a window as it reads after its start: the time alone on the same day.
    pub(crate) fn window_end(&self, start: Instant, end: Instant) -> TimeView {
        let mut view = self.fmt.time(end);
        let zone = self.fmt.zone;
        if zone.date_of(start) == zone.date_of(end) {
            view.text = self.fmt.clock_with_offset(end).into();
            view.short = self.fmt.clock(end).into();
        }
        view
    }

    /// The incident page's data; `card` is the incident's card, whose latest update is
    /// reused rather than rendered again.
    pub(crate) fn detail(&self, incident: &Incident, card: &IncidentCard) -> IncidentDetail {
        let published = incident.posted_until(self.now);
        let mut updates: Vec<UpdateView> = Vec::with_capacity(published.len());
        for (i, update) in published.iter().enumerate().rev() {
            match &card.latest {
                Some(latest) if i + 1 == published.len() => updates.push(latest.clone()),
                _ => updates.push(self.update(incident, update)),
            }
        }
        IncidentDetail {
            summary_html: incident.summary.as_deref().map(markdown::to_html),
            postmortem_html: postmortem_at(incident, self.now).map(markdown::to_html),
            updates,
        }
    }
}

/// A postmortem is written after the fact: it shows once the incident is resolved at "now".
fn postmortem_at(incident: &Incident, now: Instant) -> Option<&str> {
    let resolved = incident.resolved_at().is_some_and(|end| end <= now);
    incident.postmortem.as_deref().filter(|_| resolved)
}

/// The groups of `services` in catalog order, each with the indices of its members: a named
/// group gathers its services where it first appears; consecutive ungrouped services share
/// one group without a name.
pub(super) fn group_members(services: &[ServiceView]) -> Vec<(Option<String>, Vec<usize>)> {
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, s) in services.iter().enumerate() {
        match groups
            .iter_mut()
            .find(|(name, _)| name.is_some() && *name == s.group)
        {
            Some((_, members)) => members.push(i),
            None => groups.push((s.group.clone(), vec![i])),
        }
    }
    let mut merged: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (name, members) in groups {
        match merged.last_mut() {
            Some((None, last)) if name.is_none() => last.extend(members),
            _ => merged.push((name, members)),
        }
    }
    merged
}

/// The worst of the states of `members` (indices into `states`).
pub(super) fn worst_of(members: &[usize], states: &[State]) -> State {
    members
        .iter()
        .map(|&i| states[i])
        .max()
        .unwrap_or(State::Operational)
}
