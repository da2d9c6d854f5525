//! The command line: parse arguments, run one command, map the outcome to an exit code.

mod args;
mod build;
mod check;
mod completions;
mod init;
mod mdbook;
mod new;
mod scaffold;
mod serve;
mod status;
mod terminal;

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

use crate::diagnostics::Report;
use crate::model::Instant;

/// Why a command did not succeed, and so which exit code it ends with.
#[derive(Debug)]
pub enum Failure {
    /// The site's files are wrong (exit 1); the report says where.
    Invalid,
    /// Something else went wrong while doing the job (exit 1).
    Failed(String),
    /// The command line itself is wrong (exit 2).
    Usage(String),
    /// A yes-or-no question answered no (exit 1), nothing to print: `mdbook supports X`.
    No,
}

pub type Outcome = Result<(), Failure>;

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

pub fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Check(args) => check::run(&args, cli.quiet),
        Command::Status(args) => status::run(&args),
        Command::Serve(args) => serve::run(&args, &terminal::Terminal::new(cli.quiet, cli.verbose)),
        Command::Mdbook(args) => mdbook::run(&args),
        Command::New(args) => new::run(&args, cli.quiet),
        Command::Init(args) => init::run(&args, cli.quiet),
        Command::Completions(args) => completions::run(&args),
        Command::Build(args) => build::run(&args, &terminal::Terminal::new(cli.quiet, cli.verbose)),
    }
}

fn resolve_now(flag: Option<&str>) -> Result<Instant, Failure> {
    crate::clock::now(flag).map_err(Failure::Usage)
}

/// Opens the site, prints its problems to stderr, and fails when any is an error.
fn open_site(root: &Path) -> Result<(crate::model::Site, Report), Failure> {
    if !root.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a folder",
            root.display()
        )));
    }
    let opened = crate::site::open(root);
    print_report(&opened.report, root)?;
    Ok((opened.site, opened.report))
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
