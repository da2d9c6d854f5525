//! From a draft to the files of the target site: service ids, slugs and paths, the text of
//! each file, and the site's own loader and validator run over that text before anything is
//! written. A file the validator rejects is not written; it is reported with its problems.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::services::{ServiceIds, assign_services};
use super::settings::{Source, settings};
use super::slugs::{base_slug, unique};
use super::target::Target;
use super::{Draft, DraftIncident, Notes, Origin, emit, verify};
use crate::load::{Cache, MAX_FILE_BYTES, RawFile};
use crate::model::{Kind, SiteZone};
use crate::parallel;

/// What an import will write, and what it could not import.
#[derive(Debug)]
pub(crate) struct Plan {
    pub origin: Origin,
    /// `status.yaml` (when new or changed) first, then incident files.
    pub files: Vec<PlannedFile>,
    pub notes: Notes,
    pub services_total: usize,
    pub services_added: usize,
    pub incidents: usize,
    pub maintenances: usize,
    /// Imported before and still the same: not written again.
    pub unchanged: usize,
    /// The parse of every incident file that will be on disk as planned: the closing check
    /// reads them from here unless they change.
    pub parsed: Vec<Arc<RawFile>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlannedFile {
    /// Relative to the site root, `/`-separated.
    pub path: String,
    pub text: String,
    /// It exists: an earlier import's file (with `--force`) or `status.yaml` with services
    /// added.
    pub replaces: bool,
}

/// One incident made into a file, before validation.
pub(crate) struct Candidate<'a> {
    pub incident: &'a DraftIncident,
    pub path: String,
    pub text: String,
    /// Written before by an import.
    pub existing: bool,
    /// Its text as the loader read it, once checked.
    pub parsed: Option<Arc<RawFile>>,
}

pub(crate) fn plan(draft: Draft, target: &Target, force: bool) -> Plan {
    let Draft {
        origin,
        title,
        description,
        zone,
        services,
        incidents,
        mut notes,
    } = draft;
    // A site keeps its timezone; a new one takes the source's.
    let site_exists = target.config.is_some() || target.has_incidents;
    let zone = if site_exists {
        target.zone
    } else {
        zone.unwrap_or_default()
    };
    let ids = assign_services(&services, target, origin);
    let source = Source {
        origin,
        title: title.as_deref(),
        description: description.as_deref(),
        services: &services,
        ids: &ids,
        zone,
    };
    let settings = settings(&source, target, &mut notes);
    let setup = Setup {
        target,
        ids: &ids,
        zone,
    };
    let candidates = setup.candidates(&incidents, &mut notes);
    let accepted = verify::accept(target, &settings, candidates, &mut notes);
    let mut plan = Plan {
        origin,
        files: settings.file.into_iter().collect(),
        notes,
        services_total: target.services.len() + settings.added,
        services_added: settings.added,
        incidents: 0,
        maintenances: 0,
        unchanged: 0,
        parsed: Vec::new(),
    };
    for candidate in accepted {
        decide(&mut plan, candidate, target, force);
    }
    plan
}

impl Plan {
    /// The loader's cache, holding the parse of every incident file of the plan, written to
    /// `root`: the closing check, which runs as `statusgen check` does, reads only the files
    /// the import did not (a file changed since is seen by its size and time, as any other).
    pub(crate) fn cache(&self, root: &Path) -> Cache {
        let mut cache = Cache::default();
        for file in &self.parsed {
            cache.remember(root, file.clone());
        }
        cache
    }
}

/// Where incidents go in the target.
struct Setup<'a> {
    target: &'a Target,
    ids: &'a ServiceIds,
    zone: SiteZone,
}

impl Setup<'_> {
    /// Every incident as the text of its file, at its path: the file an earlier import wrote,
    /// else a new one under `incidents/YYYY/` with a free slug.
    fn candidates<'d>(
        &self,
        incidents: &'d [DraftIncident],
        notes: &mut Notes,
    ) -> Vec<Candidate<'d>> {
        let mut order: Vec<&DraftIncident> = incidents.iter().collect();
        order.sort_by(|a, b| (a.started, &a.key).cmp(&(b.started, &b.key)));
        let mut taken: HashSet<String> = self.target.slugs.clone();
        let mut keys = HashSet::new();
        let texts = parallel::map(&order, |incident| {
            emit::incident(incident, &self.ids.ids, self.zone)
        });
        let mut out = Vec::with_capacity(order.len());
        for (incident, text) in order.into_iter().zip(texts) {
            if !keys.insert(&incident.key) {
                notes.skip(
                    &incident.subject,
                    "a second incident with the same id in the source",
                );
                continue;
            }
            let (path, existing) = match self.target.files.get(&incident.key) {
                Some(file) => (file.clone(), true),
                None => {
                    let slug = unique(base_slug(incident, self.zone), &mut taken);
                    let year = self.zone.date_of(incident.started).format("%Y");
                    (format!("incidents/{year}/{slug}.yaml"), false)
                }
            };
            if text.len() as u64 > MAX_FILE_BYTES {
                notes.skip(
                    &incident.subject,
                    format!(
                        "its file would be larger than {} MiB, the most a site reads",
                        MAX_FILE_BYTES >> 20
                    ),
                );
                continue;
            }
            out.push(Candidate {
                incident,
                path,
                text,
                existing,
                parsed: None,
            });
        }
        out
    }
}

/// Writes a new file, leaves an identical one alone, and replaces an earlier import's file
/// only with `--force`.
fn decide(plan: &mut Plan, candidate: Candidate, target: &Target, force: bool) {
    let Candidate {
        incident,
        path,
        text,
        existing,
        parsed,
    } = candidate;
    if existing {
        let current = crate::load::read_text(&target.root, &path).unwrap_or_default();
        if current == text {
            plan.unchanged += 1;
        } else if !force {
            plan.notes.skip(
                &incident.subject,
                format!("{path} was imported before and differs now; pass --force to update it"),
            );
            return;
        } else {
            plan.files.push(PlannedFile {
                path,
                text,
                replaces: true,
            });
        }
    } else {
        plan.files.push(PlannedFile {
            path,
            text,
            replaces: false,
        });
    }
    plan.parsed.extend(parsed);
    match incident.kind {
        Kind::Incident => plan.incidents += 1,
        Kind::Maintenance => plan.maintenances += 1,
    }
}
