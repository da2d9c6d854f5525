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
pub(crate) struct Cli {
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
pub(crate) enum Command {
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
        after_help = "Examples:\n  statusgen new api-outage --services api,web=degraded --title \"API errors\"\n  statusgen new site login-slow --services login --now 2026-11-25T18:31:00+09:00\n  statusgen new db-upgrade --services db --maintenance \\\n      --start 2026-12-01T02:00 --end 2026-12-01T04:00\n\nThe file is incidents/SLUG.yaml, or incidents/YYYY/SLUG.yaml when the site keeps its\nincidents in year folders. Its services start at major_outage (or the state after =),\nwith one update, in the site's language unless --body is given. It never overwrites: a\nslug used anywhere under incidents/ is refused."
    )]
    New(NewArgs),
    /// Post the next step of an incident: new states of services, an update
    #[command(
        allow_missing_positional = true,
        after_help = "Examples:\n  statusgen update api-outage --set api=partial_outage:\"reads work again\" --status identified \\\n      --body \"We found the cause and are rolling back.\"\n  statusgen update api-outage --set db=degraded --set api=operational --at 2h15m\n  echo \"Back to normal.\" | statusgen update pay-down --status monitoring --body -\n  statusgen update db-upgrade --status in_progress --dry-run\n\nThe file is edited as text: the new entries and the update are added as lines shaped like\ntheir neighbours, and everything else (comments, order, style) stays as it was. `at` is\nwritten as time since `started`. The new text is checked before it is written; nothing\nis written on any problem, or with --dry-run."
    )]
    Update(UpdateArgs),
    /// Resolve an incident (or complete a maintenance): every service back to operational
    #[command(
        allow_missing_positional = true,
        after_help = "Examples:\n  statusgen resolve api-outage\n  statusgen resolve api-outage --body \"Fixed by a rollback; see the postmortem.\" --at 3h\n  statusgen resolve site db-upgrade --dry-run\n\nEvery service that is not operational gets an `operational` entry, `resolved:` is\nwritten (a maintenance's planned end becomes the actual one), and a last update with\nstatus resolved (completed) says so, in the site's language unless --body is given."
    )]
    Resolve(ResolveArgs),
    /// Create a new site that builds at once
    #[command(
        after_help = "Examples:\n  statusgen init my-status\n  statusgen init my-status --github-pages     # with workflows to publish and to post updates\n  statusgen init my-status --theme            # with themes/default/ to edit\n  statusgen init . --theme                    # copy the theme into an existing site"
    )]
    Init(InitArgs),
    /// Bring a Statuspage page or a cState site over: services, incidents, maintenance
    #[command(
        after_help = "Examples:\n  statusgen import statuspage saved/*.json --into my-status\n  statusgen import cstate ../my-cstate-site --into my-status\n\nIt never overwrites a file without --force; a second import of the same source finds\nits files by their first line (# imported-from: ...) and updates them with --force.\nIt ends with `statusgen check` of the site, and exits 1 if anything was not imported."
    )]
    Import(super::import::ImportArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  statusgen completions bash > ~/.local/share/bash-completion/completions/statusgen\n  statusgen completions zsh > ~/.zfunc/_statusgen\n  statusgen completions fish > ~/.config/fish/completions/statusgen.fish"
    )]
    Completions(CompletionsArgs),
}

/// The site folder and the moment to show it at: what every command that reads a site takes.
#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
    /// The site folder (holds status.yaml and incidents/)
    #[arg(value_name = "SITE", default_value = ".")]
    pub root: PathBuf,
    /// The moment to show, RFC 3339 (default: $SOURCE_DATE_EPOCH, else the clock)
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
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
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Port to listen on, on 127.0.0.1 only (0: any free port)
    #[arg(short, long, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub(crate) struct MdbookArgs {
    #[command(subcommand)]
    pub action: Option<MdbookAction>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum MdbookAction {
    /// Exit 0 when the preprocessor supports RENDERER (mdBook asks before each build)
    Supports {
        /// The mdBook renderer, e.g. html
        renderer: String,
    },
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The site folder (holds status.yaml and incidents/)
    #[arg(value_name = "SITE", default_value = ".")]
    pub root: PathBuf,
    /// The file name and URL of the incident: [a-z0-9][a-z0-9-]*
    pub slug: String,
    /// Title (default: made from the slug)
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Affected service ids, comma-separated, each with its state if not major_outage and a note: api,db=degraded:slow writes (default: the first service of status.yaml)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub services: Vec<String>,
    /// Status of the first update (default: investigating; scheduled for a maintenance)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Text of the first update, Markdown; `-` reads it from standard input (default: a sentence in the site's language)
    #[arg(long, value_name = "TEXT|-", allow_hyphen_values = true)]
    pub body: Option<String>,
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
pub(crate) struct UpdateArgs {
    /// The site folder (holds status.yaml and incidents/)
    #[arg(value_name = "SITE", default_value = ".")]
    pub root: PathBuf,
    /// The incident: its file name without .yaml
    pub slug: String,
    /// A service's new state, with an optional note (repeat for more services)
    #[arg(long = "set", value_name = "SERVICE=STATE[:NOTE]")]
    pub set: Vec<String>,
    /// Status of the update: investigating, identified, monitoring, resolved; for a maintenance scheduled, in_progress, verifying, completed (default: that of the last update)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Text of the update, Markdown; `-` reads it from standard input
    #[arg(long, value_name = "TEXT|-", allow_hyphen_values = true)]
    pub body: Option<String>,
    /// When: a time since `started` (43h15m, 9.5) or RFC 3339 (default: now, to the minute: $SOURCE_DATE_EPOCH, else the clock)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Print the lines that would be added or changed, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ResolveArgs {
    /// The site folder (holds status.yaml and incidents/)
    #[arg(value_name = "SITE", default_value = ".")]
    pub root: PathBuf,
    /// The incident: its file name without .yaml
    pub slug: String,
    /// Text of the last update, Markdown; `-` reads it from standard input (default: a sentence in the site's language)
    #[arg(long, value_name = "TEXT|-", allow_hyphen_values = true)]
    pub body: Option<String>,
    /// When: a time since `started` (43h15m, 9.5) or RFC 3339 (default: now, to the minute: $SOURCE_DATE_EPOCH, else the clock)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Print the lines that would be added or changed, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Folder for the new site: created if missing, else it must be empty
    pub dir: PathBuf,
    /// Add .github/workflows/status.yml (builds and deploys on GitHub Pages) and status-update.yml (a form to post updates)
    #[arg(long)]
    pub github_pages: bool,
    /// Copy the built-in theme to DIR/themes/default/ for editing (also into an existing site)
    #[arg(long)]
    pub theme: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
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
