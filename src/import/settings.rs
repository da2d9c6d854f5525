//! The target's `status.yaml` after the import: written anew for a new site, else the
//! site's own with the new services added, or left alone when nothing is new (or when its
//! list cannot be added to; the new services are then printed for the user to add).

use super::plan::PlannedFile;
use super::services::ServiceIds;
use super::target::Target;
use super::{DraftService, Notes, Origin, emit, status_yaml};
use crate::load::Texts;
use crate::model::SiteZone;
use crate::project::{Options, Project};

/// `status.yaml` as the import leaves it.
pub(crate) struct Settings {
    pub name: String,
    pub text: String,
    /// The file to write, when it is new or changed.
    pub file: Option<PlannedFile>,
    /// Services added to the site.
    pub added: usize,
}

pub(crate) struct Source<'a> {
    pub origin: Origin,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub services: &'a [DraftService],
    pub ids: &'a ServiceIds,
    pub zone: SiteZone,
}

pub(crate) fn settings(source: &Source, target: &Target, notes: &mut Notes) -> Settings {
    let Some((name, old)) = &target.config else {
        let title = source.title.unwrap_or("Status");
        let services = items(source, target, 2);
        let origin = source.origin.name();
        let text = emit::status_yaml(title, source.description, source.zone, &services, origin);
        let file = PlannedFile {
            path: "status.yaml".into(),
            text: text.clone(),
            replaces: false,
        };
        return Settings {
            name: "status.yaml".into(),
            text,
            file: Some(file),
            added: source.ids.added.len(),
        };
    };
    let unchanged = Settings {
        name: name.clone(),
        text: old.clone(),
        file: None,
        added: 0,
    };
    if source.ids.added.is_empty() {
        return unchanged;
    }
    let mut expected: Vec<String> = target.services.iter().map(|s| s.id.clone()).collect();
    expected.extend(source.ids.added.iter().map(|&n| source.ids.ids[n].clone()));
    let new = status_yaml::add_services(old, |indent| items(source, target, indent))
        .filter(|new| says_the_same_plus(target, name, old, new, &expected));
    let Some(text) = new else {
        let mut wanted = String::new();
        for &n in &source.ids.added {
            let key = source.ids.keys[n].as_deref();
            wanted.push_str(&emit::service(
                &source.services[n],
                &source.ids.ids[n],
                key,
                2,
            ));
        }
        notes.warn(
            name,
            format!("its services: list cannot be added to as it is written; add these services to it by hand, then import again:\n{wanted}"),
        );
        return unchanged;
    };
    let file = PlannedFile {
        path: name.clone(),
        text: text.clone(),
        replaces: true,
    };
    Settings {
        name: name.clone(),
        text,
        file: Some(file),
        added: source.ids.added.len(),
    }
}

/// The list items to add at `indent`: a site without a catalog names its services in its
/// incidents, so a catalog made for it lists those first.
fn items(source: &Source, target: &Target, indent: usize) -> String {
    let mut out = String::new();
    if !target.has_catalog {
        for service in &target.services {
            let bare = DraftService {
                key: service.id.clone(),
                name: service.id.clone(),
                description: None,
                group: None,
                since: None,
            };
            out.push_str(&emit::service(&bare, &service.id, None, indent));
        }
    }
    for &n in &source.ids.added {
        let (service, id) = (&source.services[n], &source.ids.ids[n]);
        out.push_str(&emit::service(
            service,
            id,
            source.ids.keys[n].as_deref(),
            indent,
        ));
    }
    out
}

/// Whether `new` reads as the same settings as `old`, with exactly `expected` services.
fn says_the_same_plus(
    target: &Target,
    name: &str,
    old: &str,
    new: &str,
    expected: &[String],
) -> bool {
    let read = |text: &str| {
        let texts = Texts {
            config: Some((name.to_string(), text.to_string())),
            incidents: Vec::new(),
        };
        let options = Options {
            texts: Some(&texts),
            ..Options::at(target.now)
        };
        let (project, report) = Project::open(&target.root, options).ok()?;
        (!report.has_errors()).then_some(project.site)
    };
    let (Some(before), Some(after)) = (read(old), read(new)) else {
        return false;
    };
    let ids: Vec<&String> = after.services.iter().map(|s| &s.id).collect();
    before.config == after.config && ids.iter().copied().eq(expected.iter())
}
