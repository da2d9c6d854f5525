//! The command line: parse arguments, run one command, map the outcome to an exit code.

mod amend;
mod args;
mod build;
mod check;
mod completions;
mod import;
mod init;
mod mdbook;
mod new;
mod resolve;
pub(crate) mod scaffold;
mod serve;
mod status;
mod table;
mod terminal;
mod texts;
mod update;

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

pub(crate) use args::{Cli, Command};

use crate::diagnostics::Report;
use crate::model::Instant;
use crate::project::{OpenError, Options, Origin, Project, Setting};

/// Why a command did not succeed, and so which exit code it ends with.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The site's files are wrong (exit 1); the report says where.
    Invalid,
    /// Something else went wrong while doing the job (exit 1).
    Failed(String),
    /// The command line itself is wrong (exit 2).
    Usage(String),
    /// A yes-or-no question answered no (exit 1), nothing to print: `mdbook supports X`.
    No,
}

pub(crate) type Outcome = Result<(), Failure>;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid | Failure::No) => ExitCode::from(1),
        Err(Failure::Failed(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

pub(crate) fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Check(args) => check::run(&args, &terminal::Terminal::new(cli.quiet, cli.verbose)),
        Command::Status(args) => status::run(&args),
        Command::Serve(args) => serve::run(&args, &terminal::Terminal::new(cli.quiet, cli.verbose)),
        Command::Mdbook(args) => mdbook::run(&args),
        Command::New(args) => new::run(&args, cli.quiet),
        Command::Update(args) => update::run(&args, cli.quiet),
        Command::Resolve(args) => resolve::run(&args, cli.quiet),
        Command::Init(args) => init::run(&args, cli.quiet),
        Command::Import(args) => import::run(&args, cli.quiet),
        Command::Completions(args) => completions::run(&args),
        Command::Build(args) => build::run(&args, &terminal::Terminal::new(cli.quiet, cli.verbose)),
    }
}

impl From<OpenError> for Failure {
    /// Both are a wrong path or value on the command line.
    fn from(error: OpenError) -> Failure {
        Failure::Usage(error.to_string())
    }
}

/// "Now" from `--now TIME`, else `SOURCE_DATE_EPOCH`, else the clock.
fn resolve_now(flag: Option<&str>) -> Result<Instant, Failure> {
    let given = flag.map(|text| Setting::new("now", text, Origin::CommandLine));
    crate::clock::now(given.as_ref()).map_err(|e| Failure::Usage(e.to_string()))
}

impl args::SiteArgs {
    /// How to open the site these arguments name.
    fn options(&self) -> Result<Options<'static>, Failure> {
        Ok(Options::at(resolve_now(self.now.as_deref())?))
    }
}

/// A folder without status.yaml nor incidents/ is more likely a wrong path than a site.
pub(super) fn ensure_site(root: &Path) -> Outcome {
    crate::project::check_root(root)?;
    let has_config = crate::load::CONFIG_FILES
        .iter()
        .any(|f| root.join(f).is_file());
    if !has_config && !root.join("incidents").is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a site (no status.yaml, no incidents/): pass the site folder first, or create one with `statusgen init DIR`",
            root.display()
        )));
    }
    Ok(())
}

/// Opens the site, prints its problems to stderr, and fails when any is an error.
fn open_site(root: &Path, options: Options) -> Result<(Project, Report), Failure> {
    let (project, report) = Project::open(root, options)?;
    print_report(&report, root)?;
    Ok((project, report))
}

/// Prints the site's problems to stderr; fails when any is an error.
fn print_report(report: &Report, root: &Path) -> Result<(), Failure> {
    if !report.diagnostics.is_empty() {
        eprint!("{}", report.render(root));
    }
    if report.has_errors() {
        eprintln!("{}", summary_of_problems(report));
        return Err(Failure::Invalid);
    }
    Ok(())
}

fn summary_of_problems(report: &Report) -> String {
    let errors = report.errors();
    let warnings = report.warnings();
    let mut text = format!("{errors} problem{}", plural(errors));
    if warnings > 0 {
        text.push_str(&format!(", {warnings} warning{}", plural(warnings)));
    }
    text
}

/// A file of the site as the user would type it: `incidents/a.yaml` for the site `.`, not
/// `./incidents/a.yaml`. It names the same file.
fn shown(root: &Path, relative: impl AsRef<Path>) -> std::path::PathBuf {
    if root == Path::new(".") {
        relative.as_ref().to_path_buf()
    } else {
        root.join(relative)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
