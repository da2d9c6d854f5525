//! Edits of real and odd files, each checked line by line and read back as a model.

use chrono::Duration;

use super::*;
use crate::diagnostics::Report;
use crate::load::raw::RawIncident;
use crate::load::{Loaded, RawFile, yaml};
use crate::model::{Incident, Kind};

mod odd;
mod real;

pub(super) fn m(minutes: i64) -> Duration {
    Duration::minutes(minutes)
}

pub(super) fn entry(service: &str, minutes: i64, state: State, note: Option<&str>) -> Change {
    Change::Entry {
        service: service.into(),
        at: m(minutes),
        state,
        note: note.map(String::from),
    }
}

pub(super) fn update(minutes: i64, status: UpdateStatus, body: Option<&str>) -> Change {
    Change::Update {
        at: m(minutes),
        status,
        body: body.map(String::from),
    }
}

#[track_caller]
pub(super) fn edit(text: &str, changes: &[Change]) -> Edited {
    match apply(text, "incidents/t.yaml", changes) {
        Ok(edited) => edited,
        Err(d) => panic!("{}", crate::diagnostics::render_diagnostic(&d, Some(text))),
    }
}

/// The incident `text` describes, with no catalog; panics on any error.
#[track_caller]
pub(super) fn model(text: &str) -> Incident {
    let raw = match yaml::parse::<RawIncident>(text, "incidents/t.yaml") {
        Ok(raw) => raw,
        Err(d) => panic!(
            "{}\n{text}",
            crate::diagnostics::render_diagnostic(&d, Some(text))
        ),
    };
    let loaded = Loaded {
        config: None,
        incidents: vec![std::sync::Arc::new(RawFile {
            slug: "t".into(),
            file: "incidents/t.yaml".into(),
            raw,
            located: true,
        })],
        report: Report::default(),
        ..Loaded::default()
    };
    let (site, report) = crate::validate::validate(loaded, &["en".to_string()]);
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| crate::diagnostics::render_diagnostic(d, Some(text)))
        .collect();
    assert!(errors.is_empty(), "{}\n{text}", errors.join("\n"));
    site.incidents.into_iter().next().expect("one incident")
}

/// Every line of `old` is in `new`, byte for byte and in order; the others are `added`.
#[track_caller]
pub(super) fn assert_only_added(old: &str, new: &str, added: usize) {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut next = 0;
    for line in &old_lines {
        // The old last line may have gained a line ending.
        let found = new_lines[next..]
            .iter()
            .position(|l| l == line || (!line.ends_with('\n') && l.trim_end() == *line));
        let Some(found) = found else {
            panic!("line {line:?} lost or changed:\n{new}");
        };
        next += found + 1;
    }
    assert_eq!(new_lines.len(), old_lines.len() + added, "{new}");
}

pub(super) fn expected(old: &Incident, changes: &[Change]) -> Incident {
    applied(old, changes, Default::default())
}

/// Applies `changes`; checks that only `added` lines were added and that the result reads
/// back as the old incident plus the changes as written.
#[track_caller]
pub(super) fn check(old: &str, changes: &[Change], added: usize) -> String {
    let before = model(old);
    let edited = edit(old, changes);
    assert_only_added(old, &edited.text, added);
    assert_eq!(
        model(&edited.text),
        expected(&before, &edited.changes),
        "{}",
        edited.text
    );
    edited.text
}
