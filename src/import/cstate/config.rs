//! A Hugo site's configuration as cState uses it: the title, `params.description`, the
//! `timeZone` naive dates are read in, and `params.systems` with their categories.

use serde::Deserialize;

use super::front_matter::Flag;
use crate::diagnostics::render_diagnostic;
use crate::import::{DraftService, ImportError, Notes};
use crate::load::yaml;
use crate::model::SiteZone;

const YAML_FILES: [&str; 4] = ["config.yml", "config.yaml", "hugo.yml", "hugo.yaml"];
const OTHER_FILES: [&str; 4] = ["config.toml", "hugo.toml", "config.json", "hugo.json"];

#[derive(Debug, Default, Deserialize)]
struct HugoConfig {
    title: Option<String>,
    #[serde(rename = "timeZone", alias = "timezone")]
    time_zone: Option<String>,
    params: Option<Params>,
}

#[derive(Debug, Default, Deserialize)]
struct Params {
    description: Option<String>,
    systems: Option<Vec<System>>,
    categories: Option<Vec<Category>>,
}

#[derive(Debug, Default, Deserialize)]
struct System {
    name: Option<String>,
    description: Option<String>,
    category: Option<String>,
    link: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Category {
    name: Option<String>,
    untitled: Option<Flag>,
}

/// What the configuration says about the status page.
#[derive(Debug)]
pub(super) struct SiteConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub zone: SiteZone,
    pub services: Vec<DraftService>,
}

pub(super) fn read(root: &std::path::Path, notes: &mut Notes) -> Result<SiteConfig, ImportError> {
    let Some(name) = YAML_FILES.iter().find(|f| root.join(f).is_file()) else {
        if let Some(other) = OTHER_FILES.iter().find(|f| root.join(f).is_file()) {
            return Err(ImportError::Source(format!(
                "{}: only a YAML site configuration is read (config.yml); convert {other} to YAML",
                root.display()
            )));
        }
        return Err(ImportError::Source(format!(
            "{} has no config.yml: is it the folder of a cState site?",
            root.display()
        )));
    };
    let path = root.join(name);
    let text = std::fs::read_to_string(&path).map_err(ImportError::read(&path))?;
    let config: HugoConfig = yaml::parse(&text, name)
        .map_err(|d| ImportError::Source(render_diagnostic(&d, Some(&text))))?;
    let zone = match config
        .time_zone
        .as_deref()
        .map(str::trim)
        .filter(|z| !z.is_empty())
    {
        None => SiteZone::default(),
        Some(zone) => SiteZone::parse(zone).unwrap_or_else(|| {
            notes.warn(
                name,
                format!("its timeZone '{zone}' is unknown: dates are read in UTC"),
            );
            SiteZone::default()
        }),
    };
    let params = config.params.unwrap_or_default();
    let services = services(
        name,
        params.systems.unwrap_or_default(),
        &params.categories.unwrap_or_default(),
        notes,
    );
    Ok(SiteConfig {
        title: config.title.filter(|t| !t.trim().is_empty()),
        description: params.description.filter(|d| !d.trim().is_empty()),
        zone,
        services,
    })
}

/// Systems in their order; a category is a group, unless cState hides its title.
fn services(
    file: &str,
    systems: Vec<System>,
    categories: &[Category],
    notes: &mut Notes,
) -> Vec<DraftService> {
    let untitled = |name: &str| {
        categories
            .iter()
            .any(|c| c.name.as_deref() == Some(name) && Flag::is_set(c.untitled.as_ref()))
    };
    let mut out: Vec<DraftService> = Vec::new();
    let mut links = 0;
    for system in systems {
        let Some(name) = system
            .name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
        else {
            notes.warn(file, "a system without a name: left out");
            continue;
        };
        if out.iter().any(|s| s.name == name) {
            notes.warn(
                file,
                format!("the system '{name}' is listed twice: the first is kept"),
            );
            continue;
        }
        links += usize::from(system.link.is_some());
        let group = system
            .category
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty() && !untitled(c));
        out.push(DraftService {
            key: name.clone(),
            name,
            description: system.description.filter(|d| !d.trim().is_empty()),
            group,
            since: None,
        });
    }
    if links > 0 {
        notes.warn(
            file,
            format!(
                "{links} system link{} left out: statusgen services have no link",
                if links == 1 { " is" } else { "s are" }
            ),
        );
    }
    out
}
