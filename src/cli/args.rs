//! Arguments of every command, with examples in `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Preview the site on 127.0.0.1, rebuilding and reloading the pages on every change
    #[command(
        after_help = "Examples:\n  statusgen serve\n  statusgen serve . --now 2022-10-17T10:30:00+09:00\n  statusgen serve site --port 0     # any free port\n\nThe site is built in memory (nothing is written) and served at http://127.0.0.1:PORT/.\nEditing status.yaml, incidents/, themes/ or static/ rebuilds it and reloads open pages;\na change that breaks the build is shown on every page until it is fixed. Needs the\ndefault `serve` cargo feature."
    )]
    Serve(ServeArgs),
    /// Work as an mdBook preprocessor: expand {{#statusgen ...}} in the book on stdin
    #[command(
        after_help = "In book.toml:\n  [preprocessor.statusgen]\n  command = \"statusgen mdbook\"\n  site = \"../status\"   # the site folder, relative to the book\n  before = [\"links\"]   # so \\{{#statusgen ...}} stays escaped\n\nIn a chapter:\n  {{#statusgen status}}\n  {{#statusgen incident SLUG}}"
    )]
    Mdbook(MdbookArgs),
    /// Write a new incident (or maintenance) file, ready to edit
    #[command(
        allow_missing_positional = true,
        after_help = "Examples:\n  statusgen new api-outage --services api,web --title \"API errors\"\n  statusgen new site login-slow --services login --now 2026-11-25T18:31:00+09:00\n  statusgen new db-upgrade --services db --maintenance \\\n      --start 2026-12-01T02:00 --end 2026-12-01T04:00\n\nThe file is incidents/SLUG.yaml, or incidents/YYYY/SLUG.yaml when the site keeps its\nincidents in year folders. Its services start at major_outage, with one update. It never\noverwrites: a slug used anywhere under incidents/ is refused."
    )]
    New(NewArgs),
    /// Create a new site that builds at once
    #[command(
        after_help = "Examples:\n  statusgen init my-status\n  statusgen init my-status --github-pages     # with .github/workflows/status.yml\n  statusgen init my-status --theme            # with themes/default/ to edit\n  statusgen init . --theme                    # copy the theme into an existing site"
    )]
    Init(InitArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  statusgen completions bash > ~/.local/share/bash-completion/completions/statusgen\n  statusgen completions zsh > ~/.zfunc/_statusgen\n  statusgen completions fish > ~/.config/fish/completions/statusgen.fish"
    )]
    Completions(CompletionsArgs),
}

/// The site folder and the moment to show it at: what every command that reads a site takes.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder (holds status.yaml and incidents/)
    #[arg(value_name = "SITE", default_value = ".")]
    pub root: PathBuf,
    /// The moment to show, RFC 3339 (default: $SOURCE_DATE_EPOCH, else the clock)
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    #[command(flatten)]
    pub site: SiteArgs,
    /// Absolute URL the site is served from (overrides status.yaml)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on, on 127.0.0.1 only (0: any free port)
    #[arg(short, long, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub struct MdbookArgs {
    #[command(subcommand)]
    pub action: Option<MdbookAction>,
}

#[derive(Debug, Subcommand)]
pub enum MdbookAction {
    /// Exit 0 when the preprocessor supports RENDERER (mdBook asks before each build)
    Supports {
        /// The mdBook renderer, e.g. html
        renderer: String,
    },
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The site folder (holds status.yaml and incidents/)
    #[arg(value_name = "SITE", default_value = ".")]
    pub root: PathBuf,
    /// The file name and URL of the incident: [a-z0-9][a-z0-9-]*
    pub slug: String,
    /// Title (default: made from the slug)
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Affected service ids, comma-separated (default: the first service of status.yaml)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub services: Vec<String>,
    /// Write a planned maintenance window instead (needs --start and --end)
    #[arg(long, requires_all = ["start", "end"])]
    pub maintenance: bool,
    /// Start of the maintenance window (RFC 3339; without an offset, the site's timezone)
    #[arg(long, value_name = "TIME", requires = "maintenance")]
    pub start: Option<String>,
    /// End of the maintenance window
    #[arg(long, value_name = "TIME", requires = "maintenance")]
    pub end: Option<String>,
    /// When it starts, or when a maintenance is announced, RFC 3339 (default: $SOURCE_DATE_EPOCH, else the clock)
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder for the new site: created if missing, else it must be empty
    pub dir: PathBuf,
    /// Add .github/workflows/status.yml, which builds and deploys the site on GitHub Pages
    #[arg(long)]
    pub github_pages: bool,
    /// Copy the built-in theme to DIR/themes/default/ for editing (also into an existing site)
    #[arg(long)]
    pub theme: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// A shell `completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}
