//! What changes mean for the model: the incident that an edited file must read back as.

use super::Change;
use crate::model::time::parse_timestamp;
use crate::model::{Entry, Incident, Lane, SiteZone, Update};

/// `incident` with `changes` applied: entries appended to their service (a new service
/// last), updates appended, `resolved` set.
pub(crate) fn applied(incident: &Incident, changes: &[Change], zone: SiteZone) -> Incident {
    let mut want = incident.clone();
    for change in changes {
        match change {
            Change::Entry {
                service,
                at,
                state,
                note,
            } => {
                let entry = Entry {
                    at: want.started + *at,
                    state: *state,
                    note: note.clone(),
                };
                match want.lanes.iter_mut().find(|l| &l.service == service) {
                    Some(lane) => lane.entries.push(entry),
                    None => want.lanes.push(Lane {
                        service: service.clone(),
                        entries: vec![entry],
                    }),
                }
            }
            Change::Update { at, status, body } => want.updates.push(Update {
                at: want.started + *at,
                status: *status,
                body: body.clone().unwrap_or_default(),
            }),
            Change::Resolved { timestamp } => {
                want.resolved = parse_timestamp(timestamp, zone).ok();
            }
        }
    }
    want
}
