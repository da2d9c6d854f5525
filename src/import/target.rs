//! The site an import goes into, as it stands: its settings, services, slugs, and the files
//! earlier imports wrote (found by their first line), so a second import updates them.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::{ImportError, KEY_PREFIX};
use crate::diagnostics::Report;
use crate::load::{self, Texts};
use crate::model::{Instant, Service, SiteZone};
use crate::parallel;
use crate::project::{Options, Project};

#[derive(Debug, Default)]
pub(crate) struct Target {
    pub root: PathBuf,
    /// The moment the site and the files of the import are opened at; the checks do not
    /// depend on it.
    pub now: Instant,
    /// `status.yaml` (or `status.yml`) and its text, when the site has one.
    pub config: Option<(String, String)>,
    /// Whether the site already has incident files: then its timezone stays.
    pub has_incidents: bool,
    pub zone: SiteZone,
    /// Its catalog, else the services its incidents name.
    pub services: Vec<Service>,
    pub has_catalog: bool,
    /// The key written beside a service of `status.yaml` → that service's id.
    pub service_keys: HashMap<String, String>,
    /// The key on the first line of an imported file → the file, relative to the root.
    pub files: HashMap<String, String>,
    /// Every slug in use under `incidents/`.
    pub slugs: HashSet<String>,
}

impl Target {
    /// Reads the site at `root`; a folder that does not exist yet is an empty site. Fails
    /// when `status.yaml` has errors: it decides the timezone and the service ids.
    pub(crate) fn open(root: &Path, now: Instant) -> Result<Target, ImportError> {
        let mut target = Target {
            root: root.to_path_buf(),
            now,
            ..Target::default()
        };
        if !root.exists() {
            return Ok(target);
        }
        if !root.is_dir() {
            return Err(ImportError::NotAFolder(root.to_path_buf()));
        }
        let (files, _) = load::incident_files(root);
        target.has_incidents = !files.is_empty();
        let config = existing_config(root)
            .map(|name| {
                // Through `load`, which refuses a link out of the site.
                load::read_text(root, &name)
                    .map(|text| (name, text))
                    .map_err(|d| {
                        ImportError::Source(format!(
                            "cannot read {}: {}",
                            root.join(&d.file).display(),
                            d.message
                        ))
                    })
            })
            .transpose()?;
        // status.yaml alone first: with a catalog, the incidents are not needed.
        let texts = Texts {
            config: config.clone(),
            incidents: Vec::new(),
        };
        let options = Options {
            texts: Some(&texts),
            ..Options::at(now)
        };
        let (mut project, report) = Project::open(root, options)?;
        refuse_bad_config(&report, root)?;
        // Without a catalog the services are those the incidents name: read them all.
        if !project.services_listed && target.has_incidents {
            (project, _) = Project::open(root, Options::at(now))?;
        }
        target.has_catalog = project.services_listed;
        target.zone = project.site.config.zone;
        target.services = project.site.services;
        if let Some((_, text)) = &config {
            target.service_keys = service_keys(text);
        }
        target.config = config;
        target.slugs = files.iter().filter_map(|f| stem(f)).collect();
        let firsts = parallel::map(&files, |file| first_line(&root.join(file)));
        for (file, line) in files.iter().zip(firsts) {
            if let Some(key) = line.as_deref().and_then(|l| l.strip_prefix(KEY_PREFIX)) {
                target.files.insert(key.trim().to_string(), file.clone());
            }
        }
        Ok(target)
    }
}

fn existing_config(root: &Path) -> Option<String> {
    load::CONFIG_FILES
        .iter()
        .find(|name| root.join(name).is_file())
        .map(|name| name.to_string())
}

fn refuse_bad_config(report: &Report, root: &Path) -> Result<(), ImportError> {
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && load::CONFIG_FILES.contains(&d.file.as_str()))
        .cloned()
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let shown = Report {
        diagnostics: errors,
    }
    .render(root);
    Err(ImportError::BadConfig(shown))
}

pub(crate) fn stem(file: &str) -> Option<String> {
    Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string)
}

/// The first line of a file, from its first 4 KiB.
fn first_line(path: &Path) -> Option<String> {
    let mut head = [0_u8; 4096];
    let mut file = std::fs::File::open(path).ok()?;
    let n = file.read(&mut head).ok()?;
    let text = String::from_utf8_lossy(&head[..n]);
    text.lines().next().map(str::to_string)
}

/// `- id: api  # imported-from: statuspage component 8l4ygp009s5s` → key → `api`.
fn service_keys(text: &str) -> HashMap<String, String> {
    let mut keys = HashMap::new();
    for line in text.lines() {
        let Some(at) = line.find(KEY_PREFIX) else {
            continue;
        };
        let key = line[at + KEY_PREFIX.len()..].trim();
        let before = line[..at].trim().trim_start_matches('-').trim();
        let Some(value) = before.strip_prefix("id:") else {
            continue;
        };
        let id = value.trim().trim_matches(|c| c == '"' || c == '\'');
        if load::is_id(id) && !key.is_empty() {
            keys.insert(key.to_string(), id.to_string());
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_keys_come_from_id_lines() {
        let text = "services:\n  - id: api  # imported-from: statuspage component abc123\n    name: API\n  - id: \"yes\"  # imported-from: statuspage component x9\n  # imported-from: statuspage component orphan\n";
        let keys = service_keys(text);
        assert_eq!(
            keys.get("statuspage component abc123").map(String::as_str),
            Some("api")
        );
        assert_eq!(
            keys.get("statuspage component x9").map(String::as_str),
            Some("yes")
        );
        assert_eq!(keys.len(), 2);
    }
}
