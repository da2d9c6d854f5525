//! Statuspage components: every service is one, every `group` of status.yaml a group
//! component; and the page status they roll up to.

use serde::Serialize;

use crate::model::{Instant, Overall, Service, ServiceStatus, State};
use crate::render::ids::short_id;
use crate::render::moment::Moment;

#[derive(Debug, Clone, Serialize)]
pub(super) struct Status {
    pub indicator: &'static str,
    pub description: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct Component {
    pub id: String,
    pub name: String,
    pub status: &'static str,
    pub created_at: String,
    pub updated_at: String,
    pub position: usize,
    pub description: Option<String>,
    pub showcase: bool,
    pub start_date: Option<String>,
    pub group_id: Option<String>,
    pub page_id: String,
    pub group: bool,
    pub only_show_if_degraded: bool,
    /// The member ids; group components only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
}

pub(super) fn component_id(service: &str) -> String {
    short_id("component", &[service])
}

impl Status {
    /// The page's status: the site's one roll-up ([`Overall`]), in Statuspage's words.
    pub(super) fn of(overall: Overall) -> Status {
        Status {
            indicator: overall.indicator(),
            description: overall.description(),
        }
    }
}

/// A service's component with the instants behind its timestamps, for its group's.
struct Leaf {
    component: Component,
    created: Instant,
    updated: Instant,
    state: State,
}

/// Every service as a component and every `group` as a group component, each group followed
/// by its members, in catalog order; positions count from 1 within each level.
pub(super) fn components(moment: &Moment, page_id: &str) -> Vec<Component> {
    let site = moment.site;
    // A component exists from the day its uptime starts, or else from the first incident.
    let epoch = moment
        .visible
        .iter()
        .map(|i| i.published_at())
        .min()
        .unwrap_or(moment.now);
    let leaves: Vec<Leaf> = moment
        .statuses
        .iter()
        .map(|status| leaf(moment, status, epoch, page_id))
        .collect();

    // Top-level items in order of first appearance: a lone service or a group's members.
    let mut tops: Vec<(Option<&str>, Vec<&Leaf>)> = Vec::new();
    for (service, leaf) in site.services.iter().zip(&leaves) {
        let group = service.group.as_deref();
        match tops.iter_mut().find(|(g, _)| g.is_some() && *g == group) {
            Some((_, members)) => members.push(leaf),
            None => tops.push((group, vec![leaf])),
        }
    }
    let mut out = Vec::new();
    for (n, (group, members)) in tops.into_iter().enumerate() {
        let position = n + 1;
        match group {
            Some(name) => out.extend(group_with_members(
                moment, name, &members, position, page_id,
            )),
            None => out.push(Component {
                position,
                ..members[0].component.clone()
            }),
        }
    }
    out
}

/// A group component, then its members: positions count within the group.
fn group_with_members(
    moment: &Moment,
    name: &str,
    members: &[&Leaf],
    position: usize,
    page_id: &str,
) -> Vec<Component> {
    let id = short_id("group", &[name]);
    let created = members.iter().map(|l| l.created).min();
    let updated = members.iter().map(|l| l.updated).max();
    let worst = members.iter().map(|l| l.state).max();
    let group = Component {
        id: id.clone(),
        name: name.to_string(),
        status: worst.unwrap_or(State::Operational).statuspage_name(),
        created_at: moment.timestamp(created.unwrap_or(moment.now)),
        updated_at: moment.timestamp(updated.unwrap_or(moment.now)),
        position,
        description: None,
        showcase: false,
        start_date: None,
        group_id: None,
        page_id: page_id.to_string(),
        group: true,
        only_show_if_degraded: false,
        components: Some(members.iter().map(|l| l.component.id.clone()).collect()),
    };
    let members = members.iter().enumerate().map(|(n, l)| Component {
        position: n + 1,
        group_id: Some(id.clone()),
        ..l.component.clone()
    });
    std::iter::once(group).chain(members).collect()
}

fn leaf(moment: &Moment, status: &ServiceStatus, epoch: Instant, page_id: &str) -> Leaf {
    let service: &Service = status.service;
    let created = service
        .since
        .map_or(epoch, |day| moment.site.config.zone.start_of_day(day));
    // Since its current state began, as far as any incident says.
    let updated = status.since.map_or(created, |t| t.max(created));
    Leaf {
        component: Component {
            id: component_id(&service.id),
            name: service.name.clone(),
            status: status.state.statuspage_name(),
            created_at: moment.timestamp(created),
            updated_at: moment.timestamp(updated),
            position: 0,
            description: service.description.clone(),
            showcase: true,
            start_date: service.since.map(|d| d.format("%Y-%m-%d").to_string()),
            group_id: None,
            page_id: page_id.to_string(),
            group: false,
            only_show_if_degraded: false,
            components: None,
        },
        created,
        updated,
        state: status.state,
    }
}
