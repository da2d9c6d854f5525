//! Bringing a status page over from elsewhere: Atlassian Statuspage (its public API v2
//! documents) and cState (a Hugo site). Each reader turns its source into a [`Draft`]; the
//! planner gives the draft's services and incidents ids, slugs and files in the target site,
//! writes them as YAML text, and checks that text with the site's own loader and validator
//! before anything is written.

pub(crate) mod cstate;
mod emit;
mod markdown_text;
mod plan;
mod services;
mod settings;
mod slugs;
mod status_yaml;
pub(crate) mod statuspage;
pub(crate) mod target;
mod verify;
mod write;
mod yaml_text;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::{Impact, Instant, Kind, SiteZone, State, Update};
use crate::project::OpenError;

pub(crate) use plan::{Plan, plan};
pub(crate) use target::Target;
pub(crate) use write::write;

/// The first line of every imported file starts with this, followed by the source's key for
/// the incident: a later import finds the file by it, whatever the file is called.
pub(crate) const KEY_PREFIX: &str = "# imported-from: ";

/// Why an import stopped before writing anything, or while writing.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ImportError {
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot read {}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} appeared while importing: not overwriting it", .0.display())]
    AppearedMeanwhile(PathBuf),
    #[error(transparent)]
    Open(#[from] OpenError),
    /// The target's status.yaml has errors, shown located.
    #[error("the site's status.yaml has errors; fix them first, the import adds to it:\n{0}")]
    BadConfig(String),
    /// The source is not what the reader expects; the text says where and what to do.
    #[error("{0}")]
    Source(String),
}

impl ImportError {
    pub(crate) fn read(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> ImportError {
        let path = path.into();
        move |source| ImportError::Read { path, source }
    }
}

/// Where a draft came from: names it in messages and in the keys of the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Statuspage,
    Cstate,
}

impl Origin {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Origin::Statuspage => "Statuspage",
            Origin::Cstate => "cState",
        }
    }
}

/// Everything read from a source, in statusgen's terms, before it is placed in a site.
#[derive(Debug)]
pub(crate) struct Draft {
    pub origin: Origin,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The source's timezone, for a new site's `timezone:`.
    pub zone: Option<SiteZone>,
    pub services: Vec<DraftService>,
    pub incidents: Vec<DraftIncident>,
    pub notes: Notes,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftService {
    /// What the source calls it for good: a Statuspage component id, a cState system name.
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub group: Option<String>,
    pub since: Option<NaiveDate>,
}

/// The services an incident affected; indexes into [`Draft::services`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Affects {
    /// Each service's states over time, in time order, each different from the one before.
    Lanes(Vec<DraftLane>),
    /// Maintenance for the whole window.
    Window(Vec<usize>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftLane {
    pub service: usize,
    pub entries: Vec<(Instant, State)>,
}

/// One incident or maintenance. The readers keep it valid: entries and updates in time
/// order, entries inside the incident, updates after the start (a maintenance's may come
/// before its window) and none after `resolved`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftIncident {
    /// The source's own id, after [`KEY_PREFIX`] in the file (`statuspage incident ID`).
    pub key: String,
    /// How messages name it: `incident ID "Title"`, `content/issues/x.md`.
    pub subject: String,
    /// A slug the source already uses (a cState file name), kept when it is free.
    pub slug: Option<String>,
    pub title: String,
    pub kind: Kind,
    pub started: Instant,
    pub resolved: Option<Instant>,
    pub impact: Option<Impact>,
    /// Markdown.
    pub summary: Option<String>,
    pub affects: Affects,
    /// Oldest first; bodies are Markdown.
    pub updates: Vec<Update>,
    pub postmortem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NoteKind {
    /// Imported, but something was guessed or left out.
    Warning,
    /// Not imported at all.
    Skipped,
}

/// Something the import could not map as it stands, about one incident, file or service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    pub kind: NoteKind,
    pub subject: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub(crate) struct Notes {
    pub list: Vec<Note>,
}

impl Notes {
    pub(crate) fn warn(&mut self, subject: &str, text: impl Into<String>) {
        self.push(NoteKind::Warning, subject, text.into());
    }

    pub(crate) fn skip(&mut self, subject: &str, text: impl Into<String>) {
        self.push(NoteKind::Skipped, subject, text.into());
    }

    fn push(&mut self, kind: NoteKind, subject: &str, text: String) {
        self.list.push(Note {
            kind,
            subject: subject.to_string(),
            text,
        });
    }

    pub(crate) fn count(&self, kind: NoteKind) -> usize {
        self.list.iter().filter(|n| n.kind == kind).count()
    }
}

/// An instant to the second: sources give milliseconds, statusgen files keep seconds.
pub(crate) fn to_second(t: Instant) -> Instant {
    t - chrono::Duration::nanoseconds(i64::from(t.timestamp_subsec_nanos()))
}
