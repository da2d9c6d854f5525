//! `statusgen resolve`: the end of an incident (or a maintenance): every service that is not
//! operational becomes operational, `resolved:` is written, and a last update says so.

use super::amend::{self, Flags, Opened, Plan, read_body};
use super::args::ResolveArgs;
use super::scaffold::timestamp;
use super::table::clock;
use super::texts::Texts;
use super::{Failure, Outcome};
use crate::edit::{self, Change};
use crate::model::{Instant, Kind, State, UpdateStatus};

pub(super) fn run(args: &ResolveArgs, quiet: bool) -> Outcome {
    let opened = amend::open(&args.root, &args.slug)?;
    let at = amend::when(&opened, args.at.as_deref())?;
    refuse(&opened, at)?;
    let incident = &opened.incident;
    let (mut changes, mut summary) = back_to_operational(&opened, at)?;
    let (status, body) = closing(&opened, args)?;
    summary.push(format!("update: {}", status.as_str()));
    let zone = opened.site.config.zone;
    summary.push(format!("resolved: {}", timestamp(zone, at)));
    changes.push(Change::Update {
        at: at - incident.started,
        status,
        body: Some(body),
    });
    changes.push(Change::Resolved {
        timestamp: timestamp(zone, at),
    });
    let plan = Plan {
        changes,
        at,
        summary,
        subject: format!("{}: {}", incident.slug, status.as_str()),
    };
    let flags = Flags {
        dry_run: args.dry_run,
        quiet,
    };
    amend::finish(&opened, &plan, &flags)
}

/// An `operational` entry for each service that is not, with a line saying so.
fn back_to_operational(
    opened: &Opened,
    at: Instant,
) -> Result<(Vec<Change>, Vec<String>), Failure> {
    let incident = &opened.incident;
    let mut changes = Vec::new();
    let mut summary = Vec::new();
    // A plain list of ids is in maintenance until `resolved:`, which is what changes.
    if edit::lists_plain_ids(&opened.text, &incident.file) {
        return Ok((changes, summary));
    }
    for lane in &incident.lanes {
        let Some(last) = lane.entries.last() else {
            continue;
        };
        if last.at > at || (last.at == at && last.state != State::Operational) {
            return Err(Failure::Usage(format!(
                "{}'s last entry is at {}; resolve at a later time (--at)",
                lane.service,
                amend::moment(opened, last.at)
            )));
        }
        if last.state != State::Operational {
            summary.push(format!(
                "{}: {} → operational",
                lane.service,
                last.state.as_str()
            ));
            changes.push(Change::Entry {
                service: lane.service.clone(),
                at: at - incident.started,
                state: State::Operational,
                note: None,
            });
        }
    }
    Ok((changes, summary))
}

/// An incident resolves once; a maintenance completes once, and not before its window.
fn refuse(opened: &Opened, at: Instant) -> Result<(), Failure> {
    let incident = &opened.incident;
    let closed = incident.updates.iter().find(|u| u.status.closes());
    let word = match incident.kind {
        Kind::Incident => "resolved",
        Kind::Maintenance => "completed",
    };
    let done_at = match incident.kind {
        Kind::Incident => incident.resolved.or(closed.map(|u| u.at)),
        Kind::Maintenance => closed.map(|u| u.at),
    };
    if let Some(done) = done_at {
        return Err(Failure::Failed(format!(
            "'{}' is {word} already, at {}",
            incident.slug,
            amend::moment(opened, done)
        )));
    }
    if at < incident.started {
        return Err(Failure::Usage(format!(
            "'{}' starts at {}: it cannot be {word} before it starts (--at)",
            incident.slug,
            clock(opened.site.config.zone, incident.started)
        )));
    }
    if let Some(last) = incident.updates.last().filter(|u| u.at > at) {
        return Err(Failure::Usage(format!(
            "the last update is at {}; resolve at a later time (--at)",
            amend::moment(opened, last.at)
        )));
    }
    Ok(())
}

/// The closing status and its body: `--body`, else the site language's sentence.
fn closing(opened: &Opened, args: &ResolveArgs) -> Result<(UpdateStatus, String), Failure> {
    let texts = Texts::load(&opened.root, &opened.site.config)?;
    let (status, default) = match opened.incident.kind {
        Kind::Incident => (UpdateStatus::Resolved, texts.resolved()),
        Kind::Maintenance => (UpdateStatus::Completed, texts.completed()),
    };
    let body = match &args.body {
        Some(arg) => read_body(arg)?,
        None => default,
    };
    Ok((status, body))
}
