//! `statusgen new`: write a ready-to-edit incident or maintenance file.
//!
//! The file goes to `incidents/SLUG.yaml`, or to `incidents/YYYY/SLUG.yaml` (the year of its
//! start, in the site's timezone) when the site already keeps its incidents in year folders.

use std::path::{Path, PathBuf};

use super::amend::{parse_state, parse_status, read_body, split_set, whole_minute};
use super::args::NewArgs;
use super::scaffold::{self, IncidentText, MaintenanceDraft};
use super::texts::Texts;
use super::{Failure, Outcome, ensure_site, resolve_now, shown};
use crate::diagnostics::{Report, suggestion};
use crate::load::{self, is_id, slugify};
use crate::model::time::parse_timestamp;
use crate::model::{Config, Instant, Kind, SiteZone, State, UpdateStatus};
use crate::project::{Options, Project};

/// What `new` needs to know about the site.
struct SiteFacts {
    config: Config,
    /// `(id, name)` of every service of status.yaml, when it lists them.
    catalog: Option<Vec<(String, String)>>,
}

pub(super) fn run(args: &NewArgs, quiet: bool) -> Outcome {
    let root = &args.root;
    if !is_id(&args.slug) {
        return Err(Failure::Usage(format!(
            "bad slug '{}': the slug is the file name and URL, [a-z0-9][a-z0-9-]*; try '{}'",
            args.slug,
            load::suggested_id(&args.slug)
        )));
    }
    if let Some(message) = load::too_long("slug", &args.slug) {
        return Err(Failure::Usage(format!(
            "{message}: try '{}'",
            load::shortened(&args.slug)
        )));
    }
    ensure_site(root)?;
    // Whole minutes: `serve` reads the clock to the minute, and would hide a start with
    // seconds until the next one.
    let now = whole_minute(resolve_now(args.now.as_deref())?)?;
    let facts = read_site(root, now)?;
    refuse_taken_slug(root, &args.slug)?;
    let asked = with_states(&args.services, args.maintenance)?;
    let ids: Vec<String> = asked.iter().map(|(id, _)| id.clone()).collect();
    let services = choose_services(&ids, facts.catalog.as_deref())?;
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| scaffold::title_from_slug(&args.slug));
    let texts = Texts::load(root, &facts.config)?;
    let body = args.body.as_deref().map(read_body).transpose()?;
    let zone = facts.config.zone;
    let first = First {
        texts: &texts,
        body,
    };
    let (text, started) = if args.maintenance {
        maintenance_text(args, &title, &services, now, &facts.config, first)?
    } else {
        let text = incident_text(args, &title, &services, &asked, now, first)?;
        (scaffold::incident(&text, zone), now)
    };
    let relative = target(root, &args.slug, zone.local(started).format("%Y"));
    let path = root.join(&relative);
    write_new(&path, text.as_bytes())?;
    if !quiet {
        println!("created {}", shown(root, &relative).display());
        println!(
            "next: edit it, or post each next step with `statusgen update {}`; `statusgen check` before you publish",
            args.slug
        );
    }
    Ok(())
}

/// The first update: its text as given, or the site language's sentence.
struct First<'a> {
    texts: &'a Texts,
    body: Option<String>,
}

/// What a new incident says: each service in its state (major outage unless given), and
/// the first update.
fn incident_text<'a>(
    args: &NewArgs,
    title: &'a str,
    services: &[(String, String)],
    asked: &[(String, Given)],
    now: Instant,
    first: First,
) -> Result<IncidentText<'a>, Failure> {
    let lanes: Vec<(String, State, Option<String>)> = services
        .iter()
        .map(|(id, _)| {
            let (state, note) = asked
                .iter()
                .find(|(a, _)| a == id)
                .map_or((None, None), |(_, given)| given.clone());
            (id.clone(), state.unwrap_or(State::MajorOutage), note)
        })
        .collect();
    let names: Vec<&str> = services.iter().map(|(_, name)| name.as_str()).collect();
    let body = first
        .body
        .unwrap_or_else(|| first.texts.investigating(&names));
    let status = match &args.status {
        Some(text) => parse_status(text, Kind::Incident)?,
        None => UpdateStatus::Investigating,
    };
    Ok(IncidentText {
        title,
        started: now,
        lanes,
        status,
        body,
    })
}

fn maintenance_text(
    args: &NewArgs,
    title: &str,
    services: &[(String, String)],
    now: Instant,
    config: &Config,
    first: First,
) -> Result<(String, Instant), Failure> {
    let zone = config.zone;
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
    if let Some(status) = &args.status
        && parse_status(status, Kind::Maintenance)? != UpdateStatus::Scheduled
    {
        return Err(Failure::Usage(
            "a new maintenance starts with its announcement: --status scheduled, or leave it out"
                .into(),
        ));
    }
    let names: Vec<&str> = services.iter().map(|(_, name)| name.as_str()).collect();
    let body = first
        .body
        .unwrap_or_else(|| first.texts.maintenance(&names, (start, end)));
    let draft = MaintenanceDraft {
        title,
        start,
        end,
        announced: now,
        services,
        body: &body,
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
        config: site.config,
        catalog,
    })
}

/// A service's state at hour 0 and its note, when given.
type Given = (Option<State>, Option<String>);

/// `--services api,db=degraded:note`: each id with the state it starts in and a note, if
/// given. A maintenance's services are under maintenance: they take no state.
fn with_states(asked: &[String], maintenance: bool) -> Result<Vec<(String, Given)>, Failure> {
    asked
        .iter()
        .map(|item| match split_set(item) {
            None => Ok((item.trim().to_string(), (None, None))),
            Some(_) if maintenance => Err(Failure::Usage(format!(
                "--services '{}': a maintenance's services are under maintenance; list ids only",
                item.trim()
            ))),
            Some((id, state, note)) => {
                let state = Some(parse_state(state, id)?);
                Ok((id.to_string(), (state, note.map(String::from))))
            }
        })
        .collect()
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
