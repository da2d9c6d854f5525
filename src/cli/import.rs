//! `statusgen import statuspage|cstate`: read another status page's data, write it into a
//! site as incident files and services, report what was guessed or left out, then check the
//! site.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{Failure, Outcome, open_site, plural, resolve_now, summary_of_problems};
use crate::import::{self, Draft, NoteKind, Plan, Target};
use crate::project::Options;

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportSource {
    /// Atlassian Statuspage: the page's public API v2 JSON documents
    #[command(
        after_help = "Examples:\n  statusgen import statuspage saved/*.json --into my-status\n  statusgen import statuspage saved-api/ --into my-status\n  curl -s https://status.example.com/api/v2/summary.json \\\n    | statusgen import statuspage - --into my-status\n\nAny of summary.json, components.json, incidents.json and scheduled-maintenances.json, in\nany order. Components become services (groups become `group:`), incidents and scheduled\nmaintenances become files under incidents/YYYY/. Update bodies are plain text on\nStatuspage and are escaped so they read the same."
    )]
    Statuspage(StatuspageArgs),
    /// cState: a Hugo site with the cState theme (config.yml and content/issues/)
    #[command(
        after_help = "Examples:\n  statusgen import cstate ../my-cstate-site --into my-status\n\nSystems become services (categories become `group:`), issues become incidents, their\n`*Status* - text {{< track \"DATE\" >}}` paragraphs updates, the rest the summary. Dates\nwithout an offset are read in Hugo's timeZone (UTC unless config.yml sets one)."
    )]
    Cstate(CstateArgs),
}

#[derive(Debug, Args)]
pub(crate) struct StatuspageArgs {
    /// JSON documents, folders holding them, or - for stdin
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub into: IntoArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CstateArgs {
    /// The Hugo site's folder (holds config.yml and content/issues/)
    #[arg(value_name = "HUGO_SITE")]
    pub site: PathBuf,
    #[command(flatten)]
    pub into: IntoArgs,
}

#[derive(Debug, Args)]
pub(crate) struct IntoArgs {
    /// The site to write: created if missing; an existing one is added to
    #[arg(long, value_name = "SITE", default_value = ".")]
    pub into: PathBuf,
    /// Rewrite files an earlier import wrote whose source has changed
    #[arg(long)]
    pub force: bool,
}

pub(super) fn run(args: &ImportArgs, quiet: bool) -> Outcome {
    let (draft, into) = match &args.source {
        ImportSource::Statuspage(a) => (import::statuspage::read(&a.files), &a.into),
        ImportSource::Cstate(a) => (import::cstate::read(&a.site), &a.into),
    };
    let draft: Draft = draft.map_err(failed)?;
    let root = &into.into;
    let now = resolve_now(None)?;
    let target = Target::open(root, now).map_err(failed)?;
    let plan = import::plan(draft, &target, into.force);
    import::write(root, &plan.files).map_err(failed)?;
    std::fs::create_dir_all(root.join("incidents")).map_err(|e| {
        Failure::Failed(format!(
            "cannot create {}: {e}",
            root.join("incidents").display()
        ))
    })?;
    print_notes(&plan);
    if !quiet {
        println!("{}", summary(&plan, root));
    }
    let mut cache = plan.cache(root);
    let options = Options {
        cache: Some(&mut cache),
        ..Options::at(now)
    };
    let (project, report) = open_site(root, options)?;
    if !quiet {
        let site = &project.site;
        let (services, incidents) = (site.services.len(), site.incidents.len());
        println!(
            "check: {services} service{}, {incidents} incident{}, {}",
            plural(services),
            plural(incidents),
            summary_of_problems(&report)
        );
    }
    match plan.notes.count(NoteKind::Skipped) {
        0 => Ok(()),
        n => Err(Failure::Failed(format!(
            "{n} thing{} not imported: see the messages above",
            plural(n)
        ))),
    }
}

/// Every warning and everything not imported, with what it is about, on stderr.
fn print_notes(plan: &Plan) {
    for note in &plan.notes.list {
        let label = match note.kind {
            NoteKind::Warning => "warning",
            NoteKind::Skipped => "not imported",
        };
        let text = note.text.trim_end().replace('\n', "\n    ");
        eprintln!("{label}: {}: {text}", note.subject);
    }
}

fn summary(plan: &Plan, root: &Path) -> String {
    let count = |n: usize, word: &str| format!("{n} {word}{}", plural(n));
    let written = plan.files.len();
    format!(
        "imported from {} into {}: {} ({} new), {}, {}; wrote {}, {} unchanged; {}, {} not imported",
        plan.origin.name(),
        root.display(),
        count(plan.services_total, "service"),
        plan.services_added,
        count(plan.incidents, "incident"),
        count(plan.maintenances, "maintenance"),
        count(written, "file"),
        plan.unchanged,
        count(plan.notes.count(NoteKind::Warning), "warning"),
        plan.notes.count(NoteKind::Skipped),
    )
}

fn failed(error: import::ImportError) -> Failure {
    Failure::Failed(crate::error::chain(&error))
}
