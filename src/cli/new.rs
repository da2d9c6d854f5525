//! `statusgen new`: write a ready-to-edit incident or maintenance file.
//!
//! The file goes to `incidents/SLUG.yaml`, or to `incidents/YYYY/SLUG.yaml` (the year of its
//! start, in the site's timezone) when the site already keeps its incidents in year folders.

use std::path::{Path, PathBuf};

use super::args::NewArgs;
use super::scaffold::{self, IncidentDraft, MaintenanceDraft};
use super::{Failure, Outcome, resolve_now};
use crate::diagnostics::{Report, suggestion};
use crate::load::{self, is_id, slugify};
use crate::model::time::parse_timestamp;
use crate::model::{Instant, SiteZone};
use crate::project::{Options, Project};

/// What `new` needs to know about the site.
struct SiteFacts {
    zone: SiteZone,
    /// `(id, name)` of every service of status.yaml, when it lists them.
    catalog: Option<Vec<(String, String)>>,
}

pub fn run(args: &NewArgs, quiet: bool) -> Outcome {
    let root = &args.root;
    if !is_id(&args.slug) {
        return Err(Failure::Usage(format!(
            "bad slug '{}': the slug is the file name and URL, [a-z0-9][a-z0-9-]*; try '{}'",
            args.slug,
            slugify(&args.slug)
        )));
    }
    ensure_site(root)?;
    let now = resolve_now(args.now.as_deref())?;
    let facts = read_site(root, now)?;
    refuse_taken_slug(root, &args.slug)?;
    let services = choose_services(&args.services, facts.catalog.as_deref())?;
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| scaffold::title_from_slug(&args.slug));
    let (text, started) = if args.maintenance {
        maintenance_text(args, &title, &services, now, facts.zone)?
    } else {
        let draft = IncidentDraft {
            title: &title,
            started: now,
            services: &services,
        };
        (scaffold::incident(&draft, facts.zone), now)
    };
    let relative = target(root, &args.slug, facts.zone.local(started).format("%Y"));
    let path = root.join(&relative);
    write_new(&path, text.as_bytes())?;
    if !quiet {
        println!("created {}", shown(root, &relative).display());
        println!("next: edit it, then run `statusgen check` before you publish");
    }
    Ok(())
}

fn maintenance_text(
    args: &NewArgs,
    title: &str,
    services: &[(String, String)],
    now: Instant,
    zone: SiteZone,
) -> Result<(String, Instant), Failure> {
    let (Some(start), Some(end)) = (&args.start, &args.end) else {
        return Err(Failure::Usage(
            "--maintenance needs --start and --end".into(),
        ));
    };
    let start = window_time("--start", start, zone)?;
    let end = window_time("--end", end, zone)?;
    if end <= start {
        return Err(Failure::Usage(
            "--end must come after --start: they are the planned window".into(),
        ));
    }
    if now >= start {
        eprintln!(
            "note: the window has already begun, so it is announced at hour 0 (add earlier announcements by hand)"
        );
    }
    let draft = MaintenanceDraft {
        title,
        start,
        end,
        announced: now,
        services,
    };
    Ok((scaffold::maintenance(&draft, zone), start))
}

fn window_time(flag: &str, text: &str, zone: SiteZone) -> Result<Instant, Failure> {
    parse_timestamp(text, zone).map_err(|e| {
        Failure::Usage(format!(
            "{flag}: {e}; write e.g. 2026-12-01T02:00:00+09:00 (without an offset: the site's timezone, {})",
            zone.name()
        ))
    })
}

/// A folder without status.yaml nor incidents/ is more likely a wrong path than a site.
fn ensure_site(root: &Path) -> Outcome {
    if !root.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a folder",
            root.display()
        )));
    }
    let has_config = load::CONFIG_FILES.iter().any(|f| root.join(f).is_file());
    if !has_config && !root.join("incidents").is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a site (no status.yaml, no incidents/): pass the site folder first, or create one with `statusgen init DIR`",
            root.display()
        )));
    }
    Ok(())
}

/// The timezone and the catalog. Problems of status.yaml stop `new` (they decide the
/// timezone and the service ids); problems of other incident files are left to `check`.
fn read_site(root: &Path, now: Instant) -> Result<SiteFacts, Failure> {
    let (project, report) = Project::open(root, Options::at(now))?;
    let config_errors: Vec<_> = report
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error() && load::CONFIG_FILES.contains(&d.file.as_str()))
        .collect();
    if !config_errors.is_empty() {
        let report = Report {
            diagnostics: config_errors,
        };
        eprint!("{}", report.render(root));
        return Err(Failure::Invalid);
    }
    let site = project.site;
    let catalog = project.services_listed.then(|| {
        site.services
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect()
    });
    Ok(SiteFacts {
        zone: site.config.zone,
        catalog,
    })
}

/// Slugs are unique across the whole tree, in any folder, as `.yaml` or `.yml`.
fn refuse_taken_slug(root: &Path, slug: &str) -> Outcome {
    let (files, _) = load::incident_files(root);
    let taken = files.iter().find(|file| {
        Path::new(file)
            .file_stem()
            .is_some_and(|stem| stem.to_str() == Some(slug))
    });
    match taken {
        Some(file) => Err(Failure::Failed(format!(
            "{file} already has the slug '{slug}': edit that file, or choose another slug"
        ))),
        None => Ok(()),
    }
}

/// `(id, name)` of the services to list: those asked for, else the catalog's first.
fn choose_services(
    asked: &[String],
    catalog: Option<&[(String, String)]>,
) -> Result<Vec<(String, String)>, Failure> {
    if asked.is_empty() {
        return match catalog.and_then(<[_]>::first) {
            Some(first) => Ok(vec![first.clone()]),
            None => Err(Failure::Usage(
                "which services are affected? Pass --services ID[,ID...] (status.yaml lists none to default to)"
                    .into(),
            )),
        };
    }
    let mut chosen: Vec<(String, String)> = Vec::new();
    for id in asked.iter().map(|id| id.trim()) {
        if chosen.iter().any(|(seen, _)| seen == id) {
            continue;
        }
        let service = match catalog {
            Some(catalog) => catalog.iter().find(|(known, _)| known == id).cloned(),
            None => is_id(id).then(|| (id.to_string(), id.to_string())),
        };
        let Some(service) = service else {
            return Err(Failure::Usage(unknown_service(id, catalog)));
        };
        chosen.push(service);
    }
    Ok(chosen)
}

fn unknown_service(id: &str, catalog: Option<&[(String, String)]>) -> String {
    match catalog {
        Some(catalog) => {
            let ids: Vec<&str> = catalog.iter().map(|(id, _)| id.as_str()).collect();
            format!("unknown service '{id}' — {}", suggestion(id, &ids))
        }
        None => format!(
            "bad service id '{id}': ids appear in URLs, [a-z0-9][a-z0-9-]*; try '{}'",
            slugify(id)
        ),
    }
}

/// `incidents/SLUG.yaml`, or `incidents/YEAR/SLUG.yaml` when the site uses year folders.
fn target(root: &Path, slug: &str, year: impl std::fmt::Display) -> PathBuf {
    let incidents = Path::new("incidents");
    let file = format!("{slug}.yaml");
    if uses_year_folders(&root.join(incidents)) {
        incidents.join(year.to_string()).join(file)
    } else {
        incidents.join(file)
    }
}

/// Any folder named like a year (`2022`) right under incidents/.
fn uses_year_folders(incidents: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(incidents) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        entry.path().is_dir() && name.len() == 4 && name.chars().all(|c| c.is_ascii_digit())
    })
}

/// Writes a file that must not exist yet, creating its folder.
pub(super) fn write_new(path: &Path, contents: &[u8]) -> Outcome {
    use std::io::Write as _;
    let failed =
        |e: std::io::Error| Failure::Failed(format!("cannot write {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::Failed(format!(
                "{} already exists: not overwriting it",
                path.display()
            )),
            _ => failed(e),
        })?;
    file.write_all(contents).map_err(failed)
}

/// The path as the user would type it: without a leading `./`.
fn shown(root: &Path, relative: &Path) -> PathBuf {
    if root == Path::new(".") {
        relative.to_path_buf()
    } else {
        root.join(relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Vec<(String, String)> {
        ["kakaotalk", "daum", "kakaopay"]
            .iter()
            .map(|id| (id.to_string(), id.to_uppercase()))
            .collect()
    }

    fn usage(result: Result<Vec<(String, String)>, Failure>) -> String {
        match result {
            Err(Failure::Usage(message)) => message,
            other => panic!("expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn services_default_to_the_first_of_the_catalog() {
        let chosen = choose_services(&[], Some(&catalog())).unwrap();
        assert_eq!(chosen, vec![("kakaotalk".into(), "KAKAOTALK".into())]);
        assert!(usage(choose_services(&[], None)).contains("--services"));
        assert!(usage(choose_services(&[], Some(&[]))).contains("--services"));
    }

    #[test]
    fn unknown_services_get_a_did_you_mean() {
        let asked = vec!["kakaotlak".to_string()];
        let message = usage(choose_services(&asked, Some(&catalog())));
        assert_eq!(
            message,
            "unknown service 'kakaotlak' — did you mean 'kakaotalk'?"
        );
    }

    #[test]
    fn without_a_catalog_any_well_formed_id_goes_and_repeats_are_dropped() {
        let asked: Vec<String> = ["api", "web", "api"].map(String::from).into();
        let chosen = choose_services(&asked, None).unwrap();
        let ids: Vec<&str> = chosen.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["api", "web"]);
        let bad = vec!["Web_Site".to_string()];
        assert!(usage(choose_services(&bad, None)).contains("try 'web-site'"));
    }
}
