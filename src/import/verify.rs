//! The text of every file an import would write, with the `status.yaml` it would leave,
//! opened as `check` opens a site (through [`Project::open`], given the texts instead of the
//! folder's files): what `check` would reject is not written, and is reported with its
//! located problems.

use std::collections::HashMap;

use super::Notes;
use super::plan::Candidate;
use super::settings::Settings;
use super::target::Target;
use crate::diagnostics::{Diagnostic, Report, render_diagnostic};
use crate::load::{Cache, Texts};
use crate::project::{OpenError, Options, Project};

/// The candidates that check; a warning is reported and the file still written.
pub(crate) fn accept<'d>(
    target: &Target,
    settings: &Settings,
    candidates: Vec<Candidate<'d>>,
    notes: &mut Notes,
) -> Vec<Candidate<'d>> {
    let (report, parsed) = match open(target, settings, &candidates) {
        Ok(opened) => opened,
        Err(error) => {
            notes.skip(&settings.name, error.to_string());
            return vec![];
        }
    };
    let mut problems: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in &report.diagnostics {
        problems.entry(d.file.as_str()).or_default().push(d);
    }
    let shown = |list: &[&Diagnostic], text: &str| -> String {
        list.iter()
            .map(|d| render_diagnostic(d, Some(text)))
            .collect()
    };
    if let Some(list) = problems.get(settings.name.as_str()) {
        let text = shown(list, &settings.text);
        notes.skip(
            &settings.name,
            format!("the site's settings do not check:\n{text}"),
        );
        return vec![];
    }
    let mut accepted = Vec::with_capacity(candidates.len());
    for mut candidate in candidates {
        candidate.parsed = parsed.parsed(&candidate.path);
        let Some(list) = problems.get(candidate.path.as_str()) else {
            accepted.push(candidate);
            continue;
        };
        let text = shown(list, &candidate.text);
        let subject = &candidate.incident.subject;
        if list.iter().any(|d| d.is_error()) {
            let message = format!("its file would not check, so it was not written:\n{text}");
            notes.skip(subject, message);
        } else {
            notes.warn(
                subject,
                format!("{} checks with a warning:\n{text}", candidate.path),
            );
            accepted.push(candidate);
        }
    }
    accepted
}

/// The site's problems with these texts, and the parse of each incident file.
fn open(
    target: &Target,
    settings: &Settings,
    candidates: &[Candidate],
) -> Result<(Report, Cache), OpenError> {
    let texts = Texts {
        config: Some((settings.name.clone(), settings.text.clone())),
        incidents: candidates
            .iter()
            .map(|c| (c.path.clone(), c.text.clone()))
            .collect(),
    };
    let mut parsed = Cache::default();
    let options = Options {
        texts: Some(&texts),
        cache: Some(&mut parsed),
        ..Options::at(target.now)
    };
    let (_, report) = Project::open(&target.root, options)?;
    Ok((report, parsed))
}
