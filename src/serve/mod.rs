//! `statusgen serve`: build the site in memory, serve it on 127.0.0.1, rebuild it whenever a
//! file of the site changes, and make the open pages reload.
//!
//! A build that fails (invalid input, a template error) prints its located diagnostics and
//! keeps the last good site served, with the error in a banner on every page until a build
//! succeeds again. Nothing is written to disk; the pages gain a reload script only here
//! (see [`inject`]), never in `build` output.

mod inject;
mod server;
mod state;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant as Clock;

use crate::clock::NowError;
use crate::load::Cache;
use crate::model::{Instant, Site};
use crate::output::OutputFile;
use crate::output::memory::Memory;
use crate::parallel::Counter;
use crate::project::{self, BaseUrl, OpenError, Origin, Project, Setting};
use crate::render;
use state::Shared;

pub(crate) struct Options<'a> {
    pub root: PathBuf,
    pub port: u16,
    /// A fixed "now" (`--now`); without it each build asks the clock (or `SOURCE_DATE_EPOCH`).
    pub now: Option<Instant>,
    /// Prints a finished phase, `(verb, what, started)`, the way `build` prints its phases.
    pub phase: &'a dyn Fn(&str, &str, Clock),
}

/// Serves until the process is stopped; returns only when it cannot go on.
pub(crate) fn run(options: &Options) -> Result<(), ServeError> {
    let server = server::Server::bind(options.port)?;
    let url = format!("http://{}/", server.addr());
    // Watch before the first build, so that an edit made while it runs is not lost.
    let mut watch = watch::Watch::start(&options.root)?;
    let shared = Arc::new(Shared::default());
    let mut builder = Builder {
        root: &options.root,
        now: options.now,
        // Links of the 404 page and canonical URLs then point at this server, whatever
        // base_url status.yaml names.
        base_url: BaseUrl::parse(&Setting::new("base-url", &url, Origin::CommandLine))?,
        cache: Cache::default(),
        last: None,
        reuse: render::Reuse::on(),
    };
    builder.rebuild(&shared, options.phase, &[]);
    println!("{:>12} {url} (Ctrl-C to stop)", "Serving");

    let serving = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("statusgen-server".into())
        .spawn(move || server.run(serving))
        .map_err(ServeError::Thread)?;

    while let Some(changed) = watch.next_change() {
        builder.rebuild(&shared, options.phase, &changed);
    }
    Err(ServeError::Stopped(options.root.clone()))
}

/// Why serve ended: it runs until stopped, so every end is one of these.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ServeError {
    #[error(transparent)]
    Bind(#[from] server::BindError),
    #[error(transparent)]
    Watch(#[from] watch::WatchError),
    #[error(transparent)]
    Open(#[from] crate::project::OpenError),
    #[error("cannot start the server")]
    Thread(#[source] std::io::Error),
    #[error("stopped watching {}; restart `statusgen serve`", .0.display())]
    Stopped(std::path::PathBuf),
}

struct Builder<'a> {
    root: &'a Path,
    now: Option<Instant>,
    base_url: BaseUrl,
    /// Parsed incident files: an edit parses one file again, not the whole site.
    cache: Cache,
    /// The last good site and its "now", to render only what an edit changed.
    last: Option<(Site, Instant)>,
    /// Cards of the last good build, for the incidents an edit did not touch.
    reuse: render::Reuse,
}

/// A good build: every file, or (incremental) only the files that changed.
enum Built {
    All(Vec<OutputFile>),
    Changed(Vec<OutputFile>),
}

impl Builder<'_> {
    /// Builds the site and serves the result: the new files, or the error over the old ones.
    fn rebuild(&mut self, shared: &Shared, phase: &dyn Fn(&str, &str, Clock), changed: &[String]) {
        let started = Clock::now();
        let cause = describe_change(changed);
        // Themes, static files and settings shape every page: after those, build everything.
        if changed.iter().any(|path| !path.starts_with("incidents/")) {
            self.last = None;
        }
        match self.build() {
            Ok(built) => {
                let verb = if changed.is_empty() {
                    "Built"
                } else {
                    "Rebuilt"
                };
                let (count, scope) = match built {
                    Built::All(files) => (files.len(), shared_all(shared, files)),
                    Built::Changed(files) => (files.len(), shared_changed(shared, files)),
                };
                phase(verb, &format!("{count} {scope}{cause}"), started);
            }
            Err(stopped) => {
                let error = stopped.shown();
                eprint!("{error}");
                eprintln!(
                    "the site does not build{cause}; the pages show the error until it is fixed"
                );
                shared.publish_error(error);
            }
        }
    }

    /// The built site, or what stops it.
    fn build(&mut self) -> Result<Built, Stopped> {
        let now = self.now()?;
        let options = project::Options {
            base_url: Some(self.base_url.clone()),
            read_theme: true,
            cache: Some(&mut self.cache),
            ..project::Options::at(now)
        };
        let (project, report) = Project::open(self.root, options)?;
        let problems = report.render(self.root);
        if report.has_errors() {
            return Err(Stopped::Invalid {
                problems,
                errors: report.errors(),
            });
        }
        // Warnings do not stop a build; say them each time, as `build` does.
        eprint!("{problems}");
        let scope = match &self.last {
            Some((last, last_now)) if *last_now == project.now => {
                render::changes(last, &project.site)
            }
            _ => None,
        };
        let sink = Memory::default();
        let scoped = scope.as_ref().unwrap_or(&render::Scope::All);
        render::render_scoped(&project, &sink, &Counter::default(), scoped, &self.reuse)?;
        let files = sink.into_files();
        self.last = Some((project.site, project.now));
        Ok(if scope.is_some() {
            Built::Changed(files)
        } else {
            Built::All(files)
        })
    }

    /// `--now`, or the clock to the minute: pages show minutes, so within a minute an edit
    /// can be rendered incrementally and still agree with every page already served.
    fn now(&self) -> Result<Instant, NowError> {
        match self.now {
            Some(now) => Ok(now),
            None => {
                let now = crate::clock::now(None)?;
                let minute = now.timestamp().div_euclid(60) * 60;
                Ok(crate::model::time::from_unix(minute).unwrap_or(now))
            }
        }
    }
}

/// Why a build of `serve` stopped.
#[derive(Debug, thiserror::Error)]
enum Stopped {
    /// The site's files have errors: `problems` is the report, as printed.
    #[error("{errors} problem(s)")]
    Invalid { problems: String, errors: usize },
    #[error(transparent)]
    Now(#[from] NowError),
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Render(#[from] render::RenderError),
}

impl Stopped {
    /// As printed and shown in the pages' banner, plain text.
    fn shown(&self) -> String {
        match self {
            Stopped::Invalid { problems, errors } => {
                let plural = if *errors == 1 { "" } else { "s" };
                format!("{problems}{errors} problem{plural}\n")
            }
            other => format!("error: {}\n", crate::error::chain(other)),
        }
    }
}

fn shared_all(shared: &Shared, files: Vec<OutputFile>) -> &'static str {
    shared.publish_good(files);
    "files"
}

fn shared_changed(shared: &Shared, files: Vec<OutputFile>) -> &'static str {
    shared.publish_changed(files);
    "files changed"
}

/// ` after a change to incidents/a.yaml`, or to several files.
fn describe_change(changed: &[String]) -> String {
    // A file name is the site's text: shown, never acted on by the terminal.
    let safe = |name: &str| crate::diagnostics::file_name_safe(name).into_owned();
    match changed {
        [] => String::new(),
        [one] => format!(" after a change to {}", safe(one)),
        [first, rest @ ..] => format!(
            " after changes to {} and {} more file{}",
            safe(first),
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_file_names_are_shown_escaped() {
        let said = describe_change(&["incidents/\u{1b}[2Ja.yaml".to_string()]);
        assert_eq!(said, " after a change to incidents/\\u{1b}[2Ja.yaml");
    }

    #[test]
    fn describes_what_changed() {
        assert_eq!(describe_change(&[]), "");
        assert_eq!(
            describe_change(&["incidents/a.yaml".into()]),
            " after a change to incidents/a.yaml"
        );
        assert_eq!(
            describe_change(&["a".into(), "b".into(), "c".into()]),
            " after changes to a and 2 more files"
        );
    }
}
