//! The new text is loaded and validated with the rest of the site, like any file, and must
//! read back as the old incident plus exactly what was asked.

use super::Opened;
use crate::cli::Failure;
use crate::diagnostics::{Diagnostic, render_diagnostic};
use crate::edit::{Edited, applied};
use crate::load::Unsaved;
use crate::model::Incident;
use crate::project::{Options, Project};

/// The incident as the new text says, when it is valid and means what was asked.
pub(super) fn reads_back(opened: &Opened, edited: &Edited) -> Result<Incident, Failure> {
    let file = &opened.incident.file;
    let slug = &opened.incident.slug;
    let options = Options {
        unsaved: Some(Unsaved {
            file,
            text: &edited.text,
        }),
        ..Options::at(opened.now)
    };
    let (Project { site, .. }, report) = Project::open(&opened.root, options)?;
    let problems: Vec<Diagnostic> = report
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error() || &d.file == file)
        .collect();
    if problems.iter().any(Diagnostic::is_error) {
        return Err(located(opened, edited, &problems));
    }
    if !problems.is_empty() {
        eprint!("{}", render_all(opened, edited, &problems));
    }
    let Some(read) = site.incident(slug).cloned() else {
        return Err(Failure::Failed(format!(
            "'{slug}' is missing from the edited site: nothing was written"
        )));
    };
    let wanted = applied(&opened.incident, &edited.changes, opened.site.config.zone);
    if read != wanted {
        return Err(Failure::Failed(format!(
            "the edited {file} does not read back as asked (anchors, aliases or a layout statusgen does not edit): nothing was written. The lines it would have added:\n{}",
            edited
                .lines
                .iter()
                .map(|l| format!("  {:>5} | {}", l.line, l.text))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    Ok(read)
}

/// Prints `problems` (the edited file's against its new text) and fails.
fn located(opened: &Opened, edited: &Edited, problems: &[Diagnostic]) -> Failure {
    eprint!("{}", render_all(opened, edited, problems));
    eprintln!(
        "the edit of {} would not check (lines as they would be): nothing was written",
        opened.incident.file
    );
    Failure::Invalid
}

fn render_all(opened: &Opened, edited: &Edited, problems: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in problems {
        let source = if d.file == opened.incident.file {
            Some(edited.text.clone())
        } else {
            crate::load::source_text(&opened.root, &d.file)
        };
        out.push_str(&render_diagnostic(d, source.as_deref()));
        out.push('\n');
    }
    out
}
