//! Reading a site folder: `status.yaml` and every incident file under `incidents/`. The only
//! place that touches YAML and walks folders; what it finds is checked by `validate`.

pub mod raw;
mod walk;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Pos, Report};
use crate::parallel;
use raw::{RawConfig, RawIncident, RawServices};
use yaml::Located;

pub use walk::{MAX_FILE_BYTES, incident_files};

/// One incident file, parsed.
#[derive(Debug)]
pub struct RawFile {
    /// The file name without its extension.
    pub slug: String,
    /// Path relative to the site root, `/`-separated.
    pub file: String,
    pub raw: RawIncident,
    /// Whether `raw`'s values carry their positions. Files are first parsed without them,
    /// which is faster; [`locate`] parses one again with them when a message needs them.
    pub located: bool,
}

/// A site as read from disk, before validation.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The site's folder, to read a file again with [`locate`].
    pub root: PathBuf,
    /// `status.yaml` and its relative path, when the file exists and parses.
    pub config: Option<(String, RawConfig)>,
    /// Shared, so a [`Cache`] can keep them between builds.
    pub incidents: Vec<Arc<RawFile>>,
    pub report: Report,
}

pub const CONFIG_FILES: [&str; 2] = ["status.yaml", "status.yml"];

pub fn load_site(root: &Path) -> Loaded {
    load(root, None)
}

/// Parsed incident files kept between builds (by `serve`): a file is read and parsed again
/// only when its size or modification time changed.
#[derive(Debug, Default)]
pub struct Cache {
    files: HashMap<String, (Stamp, Parsed)>,
}

type Stamp = Option<(u64, std::time::SystemTime)>;
type Parsed = Result<Arc<RawFile>, Diagnostic>;

fn stamp(root: &Path, file: &str) -> Stamp {
    let meta = std::fs::metadata(root.join(file)).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// [`load_site`], reusing what `cache` holds for files that did not change.
pub fn load_site_cached(root: &Path, cache: &mut Cache) -> Loaded {
    load(root, Some(cache))
}

fn load(root: &Path, cache: Option<&mut Cache>) -> Loaded {
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        ..Loaded::default()
    };
    load_config(root, &mut loaded);
    let (paths, walk_report) = walk::incident_files(root);
    loaded.report.merge(walk_report);
    let parsed = match cache {
        Some(cache) => parse_cached(root, &paths, cache),
        None => parallel::map(&paths, |file| parse_incident(root, file).map(Arc::new)),
    };
    for result in parsed {
        match result {
            Ok(file) => loaded.incidents.push(file),
            Err(diagnostic) => loaded.report.push(diagnostic),
        }
    }
    check_slugs(&mut loaded);
    loaded
}

fn parse_cached(root: &Path, paths: &[String], cache: &mut Cache) -> Vec<Parsed> {
    let stamps: Vec<Stamp> = parallel::map(paths, |file| stamp(root, file));
    let parsed: Vec<Parsed> = parallel::map(
        &paths.iter().zip(&stamps).collect::<Vec<_>>(),
        |(file, stamp)| match cache.files.get(file.as_str()) {
            Some((seen, parsed)) if seen == *stamp && stamp.is_some() => parsed.clone(),
            _ => parse_incident(root, file).map(Arc::new),
        },
    );
    cache.files = paths
        .iter()
        .cloned()
        .zip(stamps.into_iter().zip(parsed.iter().cloned()))
        .collect();
    parsed
}

fn load_config(root: &Path, loaded: &mut Loaded) {
    let Some(name) = CONFIG_FILES.iter().find(|name| root.join(name).is_file()) else {
        return;
    };
    match walk::read_text(root, name).and_then(|text| yaml::parse::<RawConfig>(&text, name)) {
        Ok(config) => loaded.config = Some((name.to_string(), config)),
        Err(diagnostic) => loaded.report.push(diagnostic),
    }
}

/// Parses the fast way, without positions; a file that does not parse so, or whose services
/// might repeat a key, is parsed again the full way, which says what is wrong and where.
fn parse_incident(root: &Path, file: &str) -> Result<RawFile, Diagnostic> {
    let text = walk::read_text(root, file)?;
    match yaml::parse_unlocated::<RawIncident>(&text) {
        Some(raw) if !may_repeat_a_service(&raw) => Ok(raw_file(file, raw, false)),
        _ => yaml::parse::<RawIncident>(&text, file).map(|raw| raw_file(file, raw, true)),
    }
}

/// Whether the fast parse may have let a repeated key through among the services: the same
/// id twice, or ids that YAML might read as numbers, where `11` and `0xB` are the same key.
fn may_repeat_a_service(raw: &RawIncident) -> bool {
    let Some(Located {
        value: RawServices::Lanes(lanes),
        ..
    }) = &raw.services
    else {
        return false;
    };
    let mut ids: Vec<&str> = lanes.iter().map(|(id, _)| id.value.as_str()).collect();
    ids.sort_unstable();
    let numeric = |id: &&str| id.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
    ids.windows(2).any(|pair| pair[0] == pair[1]) || ids.iter().any(numeric)
}

/// `file` read and parsed again, with the positions of its values: for the messages about a
/// file that was parsed without them.
pub fn locate(root: &Path, file: &RawFile) -> Result<RawFile, Diagnostic> {
    let text = walk::read_text(root, &file.file)?;
    let raw = yaml::parse::<RawIncident>(&text, &file.file)?;
    Ok(raw_file(&file.file, raw, true))
}

fn raw_file(file: &str, raw: RawIncident, located: bool) -> RawFile {
    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    RawFile {
        slug: stem.to_string(),
        file: file.to_string(),
        raw,
        located,
    }
}

/// Slugs name URLs, so each must be well-formed and unique across the whole tree.
fn check_slugs(loaded: &mut Loaded) {
    let mut seen: std::collections::HashMap<String, String> = Default::default();
    let mut keep = Vec::with_capacity(loaded.incidents.len());
    for file in std::mem::take(&mut loaded.incidents) {
        if !is_id(&file.slug) {
            loaded.report.push(
                Diagnostic::error(&file.file, Pos::default(), format!("bad slug '{}'", file.slug))
                    .with_hint(format!(
                        "the file name is the incident's URL: rename it to match [a-z0-9][a-z0-9-]*, e.g. '{}'",
                        slugify(&file.slug)
                    )),
            );
        } else if let Some(first) = seen.get(&file.slug) {
            loaded.report.push(
                Diagnostic::error(
                    &file.file,
                    Pos::default(),
                    format!("two files with the slug '{}'", file.slug),
                )
                .with_hint(format!(
                    "{first} has the same file name: rename one of them"
                )),
            );
        } else {
            seen.insert(file.slug.clone(), file.file.clone());
            keep.push(file);
        }
    }
    loaded.incidents = keep;
}

/// `[a-z0-9][a-z0-9-]*`: the shape of slugs and service ids.
pub fn is_id(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A valid id close to `text`, for hints.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "incident".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files are parsed without positions; a file with a problem is read again with them.
    #[test]
    fn positions_come_back_for_the_messages() {
        let root = std::env::temp_dir().join(format!("statusgen-locate-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("incidents")).unwrap();
        let text = "title: Fire\nstarted: 2022-10-15T15:30:00+09:00\nservices:\n  talk:\n    - { at: 0, state: major_outrage }\n";
        std::fs::write(root.join("incidents/fire.yaml"), text).unwrap();
        let loaded = load_site(&root);
        assert!(!loaded.incidents[0].located);
        let located = locate(&root, &loaded.incidents[0]).unwrap();
        assert!(located.located);
        let (_, report) = crate::validate::validate(loaded, &["en".to_string()]);
        let problem = &report.diagnostics[0];
        assert_eq!(problem.message, "unknown state 'major_outrage'");
        assert_eq!((problem.pos.line, problem.pos.col), (5, 23));
        let _ = std::fs::remove_dir_all(&root);
    }

    /// A service listed twice, under any spelling of the same key, is the parser's error.
    #[test]
    fn repeated_services_are_found_as_before() {
        let root = std::env::temp_dir().join(format!("statusgen-repeat-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("incidents")).unwrap();
        let head = "title: Fire\nstarted: 2022-10-15T15:30:00+09:00\nservices:\n";
        let lanes = [
            (
                "twice",
                "  talk: [{ at: 0, state: major_outage }]\n  talk: []\n",
                "talk",
            ),
            ("quoted", "  talk: []\n  \"talk\": []\n", "talk"),
            ("number", "  11: []\n  0xB: []\n", "0xB"),
        ];
        for (name, lanes, _) in lanes {
            std::fs::write(
                root.join(format!("incidents/{name}.yaml")),
                format!("{head}{lanes}"),
            )
            .unwrap();
        }
        let loaded = load_site(&root);
        assert!(loaded.incidents.is_empty());
        let mut messages: Vec<(&str, u32)> = loaded
            .report
            .diagnostics
            .iter()
            .map(|d| (d.message.as_str(), d.pos.line))
            .collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                ("duplicate key '0xB'", 5),
                ("duplicate key 'talk'", 5),
                ("duplicate key 'talk'", 5)
            ]
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn ids() {
        assert!(is_id("kakao-t"));
        assert!(is_id("2022-fire"));
        assert!(!is_id("-fire"));
        assert!(!is_id("Fire"));
        assert!(!is_id(""));
        assert_eq!(slugify("Kakao_Fire 2022"), "kakao-fire-2022");
    }
}
