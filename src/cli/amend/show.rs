//! What `update` and `resolve` print: the lines they add, what changed, the incident's
//! services at that moment (as `status` shows a site), and the next step.

use std::path::Path;

use super::{Opened, Plan, since_start};
use crate::cli::shown;
use crate::edit::LineChange;
use crate::model::{Incident, Instant, Kind, Phase, Site, State};

pub(super) fn clock(site: &Site, t: Instant) -> String {
    crate::cli::table::clock(site.config.zone, t)
}

/// The lines added (`+`) or changed (`~`), with their numbers in the new file.
pub(super) fn lines(root: &Path, file: &str, lines: &[LineChange], dry_run: bool) {
    let verb = if dry_run { "would change" } else { "changed" };
    println!("{verb} {}:", shown(root, file).display());
    for line in lines {
        let mark = if line.added { '+' } else { '~' };
        println!("{:>6} {mark} {}", line.line, line.text);
    }
}

pub(super) fn changed(opened: &Opened, plan: &Plan, lines: &[LineChange]) {
    let added = lines.iter().filter(|l| l.added).count();
    let changed = lines.len() - added;
    let counts = line_counts(added, changed);
    println!(
        "{}: {counts}, at {}",
        shown(&opened.root, &opened.incident.file).display(),
        super::moment(opened, plan.at)
    );
    for line in &plan.summary {
        println!("  {line}");
    }
}

/// `3 lines added, 1 changed`, `6 lines changed`.
fn line_counts(added: usize, changed: usize) -> String {
    let lines = |n| format!("{n} line{}", crate::cli::plural(n));
    match (added, changed) {
        (0, changed) => format!("{} changed", lines(changed)),
        (added, 0) => format!("{} added", lines(added)),
        (added, changed) => format!("{} added, {changed} changed", lines(added)),
    }
}

/// The incident's services at `at`, like `status`.
pub(super) fn state(opened: &Opened, incident: &Incident, at: Instant) {
    let site = &opened.site;
    println!();
    println!(
        "{} — {} at {} ({})",
        incident.title,
        phase_word(incident, at),
        clock(site, at),
        since_start(incident, at)
    );
    let resolved = incident.resolved_at().filter(|end| *end <= at);
    let header = ["SERVICE", "STATE", "SINCE"].map(String::from);
    let rows = incident.lanes.iter().map(|lane| {
        let since =
            resolved.or_else(|| lane.entries.iter().rev().find(|e| e.at <= at).map(|e| e.at));
        [
            lane.service.clone(),
            incident.lane_state(lane, at).as_str().to_string(),
            since.map_or_else(|| "-".to_string(), |t| clock(site, t)),
        ]
    });
    let rows: Vec<[String; 3]> = std::iter::once(header).chain(rows).collect();
    print!("{}", crate::cli::table::table(&rows));
}

fn phase_word(incident: &Incident, at: Instant) -> &'static str {
    match (incident.phase(at), incident.kind) {
        (Phase::Resolved, Kind::Incident) => "resolved",
        (Phase::Resolved, Kind::Maintenance) => "completed",
        (Phase::Ongoing, Kind::Incident) => "ongoing",
        (Phase::Ongoing, Kind::Maintenance) => "in progress",
        (Phase::Upcoming, _) => "scheduled",
        (Phase::Hidden, _) => "not yet public",
    }
}

/// The next step: commit the file (and push, to publish); and once every service is back
/// while the incident is still open, `resolve`.
pub(super) fn next(opened: &Opened, plan: &Plan, incident: &Incident) {
    let path = shown(&opened.root, &opened.incident.file);
    println!();
    println!("next: review it (`git diff`), then commit and push to publish:");
    println!(
        "  git commit -m {} -- {} && git push",
        shell_word(&plan.subject),
        shell_word(&path.to_string_lossy())
    );
    let all_back = incident
        .lanes
        .iter()
        .all(|lane| incident.lane_state(lane, plan.at) == State::Operational);
    if all_back && incident.phase(plan.at) == Phase::Ongoing {
        let verb = match incident.kind {
            Kind::Incident => "resolves",
            Kind::Maintenance => "completes",
        };
        println!(
            "every service is operational again: `statusgen resolve {}` {verb} it",
            incident.slug
        );
    }
}

/// `text` as one shell word: as is when it is plain, else in single quotes.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-:=,+@".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counts_read_well() {
        assert_eq!(line_counts(1, 0), "1 line added");
        assert_eq!(line_counts(5, 1), "5 lines added, 1 changed");
        assert_eq!(line_counts(0, 6), "6 lines changed");
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("incidents/a.yaml"), "incidents/a.yaml");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's $(x)"), "'it'\\''s $(x)'");
    }
}
