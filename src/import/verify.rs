//! The site's own loader and validator over the text of every file an import would write,
//! read with the `status.yaml` it would leave: what `check` would reject is not written,
//! and is reported with its located problems.

use std::collections::HashMap;
use std::sync::Arc;

use super::Notes;
use super::plan::Candidate;
use super::settings::Settings;
use super::target::stem;
use crate::diagnostics::{Diagnostic, Report, render_diagnostic};
use crate::load::raw::{RawConfig, RawIncident};
use crate::load::{Loaded, RawFile, yaml};
use crate::parallel;

/// The candidates that check; a warning is reported and the file still written.
pub(crate) fn accept<'d>(
    settings: &Settings,
    candidates: Vec<Candidate<'d>>,
    languages: &[String],
    notes: &mut Notes,
) -> Vec<Candidate<'d>> {
    let loaded = load(settings, &candidates);
    let mut parsed: HashMap<String, Arc<RawFile>> = loaded
        .incidents
        .iter()
        .map(|f| (f.file.clone(), f.clone()))
        .collect();
    let (_, report) = crate::validate::validate(loaded, languages);
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
        candidate.parsed = parsed.remove(&candidate.path);
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

/// The texts parsed as the loader parses files.
fn load(settings: &Settings, candidates: &[Candidate]) -> Loaded {
    let mut report = Report::default();
    let config = match yaml::parse::<RawConfig>(&settings.text, &settings.name) {
        Ok(raw) => Some((settings.name.clone(), raw)),
        Err(d) => {
            report.push(d);
            None
        }
    };
    let parsed = parallel::map(candidates, |c| {
        yaml::parse::<RawIncident>(&c.text, &c.path).map(|raw| {
            Arc::new(RawFile {
                slug: stem(&c.path).unwrap_or_default(),
                file: c.path.clone(),
                raw,
            })
        })
    });
    let mut loaded = Loaded {
        config,
        incidents: Vec::with_capacity(parsed.len()),
        report,
    };
    for result in parsed {
        match result {
            Ok(file) => loaded.incidents.push(file),
            Err(d) => loaded.report.push(d),
        }
    }
    loaded
}
