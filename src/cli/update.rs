//! `statusgen update`: the next step of an incident — new states of services, an update —
//! added to its file as lines, at now or `--at`.

use chrono::Duration;

use super::amend::{self, Flags, Opened, Plan, parse_state, parse_status, read_body, split_set};
use super::args::UpdateArgs;
use super::table::clock;
use super::{Failure, Outcome};
use crate::diagnostics::suggestion;
use crate::edit::Change;
use crate::load::is_id;
use crate::model::{Instant, Kind, State, UpdateStatus};

pub(super) fn run(args: &UpdateArgs, quiet: bool) -> Outcome {
    if args.set.is_empty() && args.status.is_none() && args.body.is_none() {
        return Err(Failure::Usage(
            "nothing to post: give --set SERVICE=STATE, --status or --body".into(),
        ));
    }
    let opened = amend::open(&args.root, &args.slug)?;
    let at = amend::when(&opened, args.at.as_deref())?;
    amend::refuse_if_over(&opened, at)?;
    let mut changes = Vec::new();
    let mut summary = Vec::new();
    for set in &args.set {
        let (change, line) = entry(&opened, set, at, &changes)?;
        changes.push(change);
        summary.push(line);
    }
    let mut subject = format!("{}: update", opened.incident.slug);
    if args.status.is_some() || args.body.is_some() {
        let (change, status) = update(&opened, args, at)?;
        summary.push(format!("update: {}", status.as_str()));
        subject = format!("{}: {}", opened.incident.slug, status.as_str());
        changes.push(change);
    }
    let plan = Plan {
        changes,
        at,
        summary,
        subject,
    };
    let flags = Flags {
        dry_run: args.dry_run,
        quiet,
    };
    amend::finish(&opened, &plan, &flags)
}

/// `SERVICE=STATE[:NOTE]` as an entry, checked against the service's list.
fn entry(
    opened: &Opened,
    set: &str,
    at: Instant,
    earlier: &[Change],
) -> Result<(Change, String), Failure> {
    let Some((service, state, note)) = split_set(set) else {
        return Err(Failure::Usage(format!(
            "--set '{set}': write SERVICE=STATE or SERVICE=STATE:NOTE, e.g. api=degraded:slow uploads"
        )));
    };
    let located = |failure: Failure| match failure {
        Failure::Usage(message) => Failure::Usage(format!("--set {set}: {message}")),
        other => other,
    };
    check_service(opened, service).map_err(located)?;
    if earlier
        .iter()
        .any(|c| matches!(c, Change::Entry { service: s, .. } if s == service))
    {
        return Err(Failure::Usage(format!(
            "--set names {service} twice: one state per service and update"
        )));
    }
    let state = parse_state(state, service).map_err(located)?;
    let was = state_before(opened, service, state, at)?;
    let line = match note {
        Some(note) => format!("{service}: {} → {} ({note})", was.as_str(), state.as_str()),
        None => format!("{service}: {} → {}", was.as_str(), state.as_str()),
    };
    let change = Change::Entry {
        service: service.to_string(),
        at: offset(opened.incident.started, at),
        state,
        note: note.map(String::from),
    };
    Ok((change, line))
}

/// The state `service` is in before `at`, which must be after its last entry and differ
/// from `state`.
fn state_before(
    opened: &Opened,
    service: &str,
    state: State,
    at: Instant,
) -> Result<State, Failure> {
    let incident = &opened.incident;
    if at < incident.started {
        return Err(Failure::Usage(format!(
            "--at is before the start, {}: states change from hour 0 on",
            clock(opened.site.config.zone, incident.started)
        )));
    }
    let last = incident.lane(service).and_then(|l| l.entries.last());
    if let Some(last) = last.filter(|e| e.at >= at) {
        return Err(Failure::Usage(format!(
            "{service}'s last entry is at {}; a new one must come later (--at)",
            amend::moment(opened, last.at)
        )));
    }
    let was = last.map_or(State::Operational, |e| e.state);
    if was == state {
        let since = last.map_or_else(
            || "it is not part of this incident".to_string(),
            |e| format!("since {}", amend::moment(opened, e.at)),
        );
        return Err(Failure::Usage(format!(
            "{service} is already {}, {since}; to post news without a change of state, use --body",
            state.as_str()
        )));
    }
    Ok(was)
}

/// A service of the catalog, or (without one) any well-formed id.
fn check_service(opened: &Opened, service: &str) -> Result<(), Failure> {
    let ids: Vec<&str> = opened.site.services.iter().map(|s| s.id.as_str()).collect();
    let catalog = crate::load::CONFIG_FILES
        .iter()
        .any(|f| opened.root.join(f).is_file())
        && !ids.is_empty();
    if catalog && !ids.contains(&service) {
        return Err(Failure::Usage(format!(
            "unknown service '{service}' — {}",
            suggestion(service, &ids)
        )));
    }
    if !is_id(service) {
        return Err(Failure::Usage(format!(
            "bad service id '{service}': ids appear in URLs, [a-z0-9][a-z0-9-]*"
        )));
    }
    Ok(())
}

fn update(
    opened: &Opened,
    args: &UpdateArgs,
    at: Instant,
) -> Result<(Change, UpdateStatus), Failure> {
    let incident = &opened.incident;
    let status = match &args.status {
        Some(text) => parse_status(text, incident.kind)?,
        None => incident.updates.last().map_or_else(
            || match incident.kind {
                Kind::Incident => UpdateStatus::Investigating,
                Kind::Maintenance if at < incident.started => UpdateStatus::Scheduled,
                Kind::Maintenance => UpdateStatus::InProgress,
            },
            |u| u.status,
        ),
    };
    if let Some(last) = incident.updates.last().filter(|u| u.at > at) {
        return Err(Failure::Usage(format!(
            "the last update is at {}; a new one cannot come before it (--at)",
            amend::moment(opened, last.at)
        )));
    }
    if at < incident.started && incident.kind == Kind::Incident {
        return Err(Failure::Usage(format!(
            "--at is before the start, {}: only a maintenance is announced before it",
            clock(opened.site.config.zone, incident.started)
        )));
    }
    let body = args.body.as_deref().map(read_body).transpose()?;
    let change = Change::Update {
        at: offset(incident.started, at),
        status,
        body,
    };
    Ok((change, status))
}

fn offset(started: Instant, at: Instant) -> Duration {
    at - started
}
