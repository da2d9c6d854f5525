//! Arguments of every command, with examples in `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "statusgen",
    version,
    about = "Static status pages and incident timelines from YAML files"
)]
#[command(
    after_help = "Examples:\n  statusgen check .\n  statusgen status . --now 2022-10-17T10:30:00+09:00\n  statusgen build . -o public"
)]
pub struct Cli {
    /// Print nothing but errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail about each phase
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into a folder
    #[command(
        after_help = "Examples:\n  statusgen build\n  statusgen build . -o public --now 2022-10-17T10:30:00+09:00\n  statusgen build site --base-url https://user.github.io/status/"
    )]
    Build(BuildArgs),
    /// Validate the site; print every problem with its place
    #[command(after_help = "Examples:\n  statusgen check\n  statusgen check path/to/site")]
    Check(CheckArgs),
    /// Show the state of every service at "now"
    #[command(
        after_help = "Examples:\n  statusgen status\n  statusgen status . --now 2022-10-17T10:30:00+09:00\n  statusgen status --json | jq '.services[] | select(.state != \"operational\")'"
    )]
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct SiteArg {
    /// The site folder (holds status.yaml and incidents/)
    #[arg(default_value = ".")]
    pub site: PathBuf,
}

#[derive(Debug, Args)]
pub struct NowArg {
    /// The moment to show, RFC 3339 (default: $SOURCE_DATE_EPOCH, else the clock)
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArg,
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    #[command(flatten)]
    pub now: NowArg,
    /// Absolute URL the site is served from (overrides status.yaml)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArg,
    #[command(flatten)]
    pub now: NowArg,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub site: SiteArg,
    #[command(flatten)]
    pub now: NowArg,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}
