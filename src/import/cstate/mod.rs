//! A cState site (a Hugo site with the cState theme) as a draft: `config.yml`'s systems as
//! services and categories as groups, `content/issues/*.md` as incidents. Naive dates are
//! read in Hugo's `timeZone`, UTC unless the configuration says otherwise, as Hugo does.

mod body;
mod config;
mod dates;
mod front_matter;
mod issue;

use std::path::Path;

use super::{Draft, DraftService, ImportError, Notes, Origin};
use crate::parallel;

pub(crate) const ISSUES_DIR: &str = "content/issues";

pub(crate) fn read(root: &Path) -> Result<Draft, ImportError> {
    if !root.is_dir() {
        return Err(ImportError::NotAFolder(root.to_path_buf()));
    }
    let mut notes = Notes::default();
    let site = config::read(root, &mut notes)?;
    let files = issue_files(root)?;
    let texts = parallel::map(&files, |name| std::fs::read(root.join(name)));
    let mut systems = Systems {
        services: site.services,
    };
    let mut incidents = Vec::new();
    for (name, bytes) in files.iter().zip(texts) {
        let text = match bytes.map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                notes.skip(name, "it is not UTF-8 text");
                continue;
            }
            Err(e) => {
                notes.skip(name, format!("cannot read it: {e}"));
                continue;
            }
        };
        let found = front_matter::read(name, &text).map_err(|problem| {
            let shown = front_matter::rendered(&problem, &text);
            notes.skip(name, format!("its front matter cannot be read:\n{shown}"));
        });
        if let Ok(found) = found
            && let Some(incident) =
                issue::incident(name, found, site.zone, &mut systems, &mut notes)
        {
            incidents.push(incident);
        }
    }
    Ok(Draft {
        origin: Origin::Cstate,
        title: site.title,
        description: site.description,
        zone: Some(site.zone),
        services: systems.services,
        incidents,
        notes,
    })
}

/// `content/issues/*.md` (Hugo reads sub-folders too), relative to the site, sorted.
fn issue_files(root: &Path) -> Result<Vec<String>, ImportError> {
    let dir = root.join(ISSUES_DIR);
    if !dir.is_dir() {
        return Err(ImportError::Source(format!(
            "{} has no {ISSUES_DIR}/ folder: is it the folder of a cState site?",
            root.display()
        )));
    }
    let mut files = Vec::new();
    let mut pending = vec![dir];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(ImportError::read(&folder))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if name.ends_with(".md") && name != "_index.md" && name != "index.md" {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The systems of `config.yml`, and the names issues affect that it does not list.
pub(super) struct Systems {
    pub services: Vec<DraftService>,
}

impl Systems {
    /// The service called `name`: exactly, else ignoring case (cState's taxonomy links do),
    /// else a new one.
    pub(super) fn find(&mut self, name: &str, subject: &str, notes: &mut Notes) -> usize {
        let name = name.trim();
        if let Some(n) = self.services.iter().position(|s| s.name == name) {
            return n;
        }
        if let Some(n) = self
            .services
            .iter()
            .position(|s| s.name.to_lowercase() == name.to_lowercase())
        {
            notes.warn(
                subject,
                format!(
                    "affects '{name}': read as the system '{}'",
                    self.services[n].name
                ),
            );
            return n;
        }
        notes.warn(subject, format!("affects '{name}', which config.yml does not list: imported as a service of that name"));
        self.services.push(DraftService {
            key: name.to_string(),
            name: name.to_string(),
            description: None,
            group: None,
            since: None,
        });
        self.services.len() - 1
    }
}
