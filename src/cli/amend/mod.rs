//! What `update` and `resolve` share: find the incident, work out when, edit its file as
//! text, load and validate the new text with the rest of the site, write it atomically, and
//! say what changed, how the incident stands, and what to do next.

mod input;
mod show;
mod verify;
mod write;

use std::path::{Path, PathBuf};

use chrono::Timelike;

use super::{Failure, Outcome, print_report, resolve_now};
use crate::diagnostics::did_you_mean;
use crate::edit::{self, Change};
use crate::model::time::parse_at;
use crate::model::{Incident, Instant, Phase, Site};
use crate::project::{Options, Project};

pub(super) use input::{parse_state, parse_status, read_body, split_set};

/// An incident and the text of its file, in a site that checks clean.
pub(super) struct Opened {
    pub root: PathBuf,
    pub site: Site,
    /// The moment the command runs at: `SOURCE_DATE_EPOCH`, else the clock.
    pub now: Instant,
    pub incident: Incident,
    pub text: String,
}

/// What a command asks for: the changes, when, and how to describe them.
pub(super) struct Plan {
    pub changes: Vec<Change>,
    pub at: Instant,
    /// One line per change, for the summary (`kakaotalk: partial_outage → degraded`).
    pub summary: Vec<String>,
    /// The subject of the suggested commit.
    pub subject: String,
}

pub(super) struct Flags {
    pub dry_run: bool,
    pub quiet: bool,
}

/// Opens the site at `root` and finds `slug`; any error in the site stops here.
pub(super) fn open(root: &Path, slug: &str) -> Result<Opened, Failure> {
    super::ensure_site(root)?;
    // Read before and after the site, so that the incident is what this very text says even
    // when another edit lands meanwhile.
    let before = text_of(root, slug);
    let (project, report) = Project::open(root, Options::at(resolve_now(None)?))?;
    // Warnings are `check`'s to show; errors stop the edit, since the result could not be
    // published anyway.
    if report.has_errors() {
        eprintln!("the site has problems to fix first (nothing was changed):\n");
        print_report(&report, root)?;
    }
    let Project { site, now, .. } = project;
    let Some(incident) = site.incident(slug).cloned() else {
        return Err(Failure::Usage(unknown_slug(&site, slug)));
    };
    let path = super::shown(root, &incident.file);
    let text = crate::load::read_text(root, &incident.file)
        .map_err(|d| Failure::Failed(format!("cannot read {}: {}", path.display(), d.message)))?;
    if before.as_ref() != Some(&text) {
        return Err(Failure::Failed(format!(
            "{} changed while it was being read: nothing was written; run the command again",
            path.display()
        )));
    }
    Ok(Opened {
        root: root.to_path_buf(),
        site,
        now,
        incident,
        text,
    })
}

/// The text of the file whose slug is `slug`, if there is one.
fn text_of(root: &Path, slug: &str) -> Option<String> {
    let (files, _) = crate::load::incident_files(root);
    let file = files
        .into_iter()
        .find(|f| Path::new(f).file_stem().and_then(|s| s.to_str()) == Some(slug))?;
    crate::load::read_text(root, &file).ok()
}

fn unknown_slug(site: &Site, slug: &str) -> String {
    let slugs = site.incidents.iter().map(|i| i.slug.as_str());
    if let Some(best) = did_you_mean(slug, slugs) {
        return format!("no incident '{slug}' — did you mean '{best}'?");
    }
    let open: Vec<&str> = site
        .incidents
        .iter()
        .filter(|i| i.resolved_at().is_none())
        .map(|i| i.slug.as_str())
        .collect();
    match open.as_slice() {
        [] => format!(
            "no incident '{slug}': the slug is the file name under incidents/ without .yaml; `statusgen new {slug}` starts one"
        ),
        open => format!("no incident '{slug}'; open ones: {}", open.join(", ")),
    }
}

/// `--at` (RFC 3339, or time since `started`), else now to the minute.
pub(super) fn when(opened: &Opened, at: Option<&str>) -> Result<Instant, Failure> {
    let zone = opened.site.config.zone;
    let Some(text) = at else {
        return whole_minute(opened.now);
    };
    let at = parse_at(text, zone)
        .map(|at| at.resolve(opened.incident.started))
        .map_err(|e| {
            Failure::Usage(format!(
                "--at: {e}; write a time since `started` (43h15m, 9.5) or a timestamp (2022-10-17T10:45:00+09:00)"
            ))
        })?;
    // A slip of the keys (430h for 43h) would hide the post until then: say so.
    let now = opened.now;
    if at > now + chrono::Duration::minutes(1) {
        eprintln!(
            "note: --at {text} is {}, {} from now: pages show it only from then on",
            show::clock(&opened.site, at),
            edit::format_at(at - whole_minute(now)?, edit::AtStyle::Duration)
        );
    }
    Ok(at)
}

/// Pages show minutes, and `serve` reads the clock to the minute: seconds would hide an
/// entry for up to a minute.
pub(super) fn whole_minute(t: Instant) -> Result<Instant, Failure> {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .ok_or_else(|| Failure::Failed("cannot round the time to the minute".into()))
}

/// Where `t` is relative to the start, for messages: `43h15m since the start`.
pub(super) fn since_start(incident: &Incident, t: Instant) -> String {
    let offset = t - incident.started;
    let text = |d| edit::format_at(d, edit::AtStyle::Duration);
    match offset.num_seconds() {
        0 => "the start".to_string(),
        s if s < 0 => format!("{} before the start", text(-offset)),
        _ => format!("{} since the start", text(offset)),
    }
}

/// A time for messages, in the site's zone: `2022-10-17 10:45 +09:00 (43h15m since the start)`.
pub(super) fn moment(opened: &Opened, t: Instant) -> String {
    format!(
        "{} ({})",
        show::clock(&opened.site, t),
        since_start(&opened.incident, t)
    )
}

/// Edits, verifies and writes (or, with `--dry-run`, shows) the file.
pub(super) fn finish(opened: &Opened, plan: &Plan, flags: &Flags) -> Outcome {
    let file = &opened.incident.file;
    let edited = edit::apply(&opened.text, file, &plan.changes).map_err(|d| {
        eprint!(
            "{}",
            crate::diagnostics::render_diagnostic(&d, Some(&opened.text))
        );
        eprintln!("nothing was written");
        Failure::Invalid
    })?;
    let now_reads = verify::reads_back(opened, &edited)?;
    if flags.dry_run {
        show::lines(&opened.root, file, &edited.lines, true);
        show::state(opened, &now_reads, plan.at);
        println!("nothing was written (--dry-run)");
        return Ok(());
    }
    write::atomic(
        &super::shown(&opened.root, file),
        &opened.text,
        &edited.text,
    )?;
    if !flags.quiet {
        show::changed(opened, plan, &edited.lines);
        show::state(opened, &now_reads, plan.at);
        show::next(opened, plan, &now_reads);
    }
    Ok(())
}

/// Refuses to add to an incident that is over at `at`.
pub(super) fn refuse_if_over(opened: &Opened, at: Instant) -> Outcome {
    let incident = &opened.incident;
    let closed = incident.updates.iter().find(|u| u.status.closes());
    match (incident.kind, incident.phase(at)) {
        (crate::model::Kind::Incident, Phase::Resolved) => Err(Failure::Failed(format!(
            "'{}' was resolved at {}: to reopen it, remove `resolved:` and its resolved update",
            incident.slug,
            moment(opened, incident.resolved_at().unwrap_or(incident.started))
        ))),
        (crate::model::Kind::Maintenance, _) if closed.is_some() => Err(Failure::Failed(format!(
            "'{}' is completed already (its `completed` update at {})",
            incident.slug,
            moment(opened, closed.map_or(incident.started, |u| u.at))
        ))),
        (crate::model::Kind::Maintenance, Phase::Resolved) => Err(Failure::Failed(format!(
            "the window of '{}' ended at {}: move `resolved:` later to post after it, or `statusgen resolve {}` to complete it",
            incident.slug,
            moment(opened, incident.resolved_at().unwrap_or(incident.started)),
            incident.slug
        ))),
        _ => Ok(()),
    }
}
