//! Reading a site folder: `status.yaml`, every incident file under `incidents/`, the theme
//! (with the UI strings of the site's language, its BCP 47 tag resolved) and `static/`. The
//! only place that reads the site's files, touches YAML and walks folders; what it finds is
//! checked by `validate`.

mod folder;
#[cfg(test)]
mod i18n_review;
pub(crate) mod inside;
mod plain;
pub(crate) mod raw;
pub(crate) mod theme;
pub(crate) mod tree;
mod walk;
pub(crate) mod yaml;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Pos, Report};
use crate::parallel;
use raw::{RawConfig, RawIncident, RawServices};
use yaml::Located;

pub(crate) use inside::source_text;
pub(crate) use theme::{ThemeError, languages, load_theme};
pub(crate) use walk::{MAX_FILE_BYTES, incident_files, is_yaml, read_text, yaml_stem};

/// One incident file, parsed.
#[derive(Debug)]
pub struct RawFile {
    /// The file name without its extension.
    pub slug: String,
    /// Path relative to the site root, `/`-separated.
    pub file: String,
    pub raw: RawIncident,
    /// Whether `raw`'s values carry their positions. Files are first parsed without them,
    /// which is faster; [`Source::locate`] parses one again with them when a message needs
    /// them.
    pub located: bool,
}

/// A site as read, before validation.
#[derive(Debug, Default)]
pub(crate) struct Loaded<'t> {
    /// Where the incident files were read, to read one again with [`Source::locate`].
    pub source: Source<'t>,
    /// `status.yaml` and its relative path, when the file exists and parses.
    pub config: Option<(String, RawConfig)>,
    /// Shared, so a [`Cache`] can keep them between builds.
    pub incidents: Vec<Arc<RawFile>>,
    pub report: Report,
}

/// Where a load read the incident files' text.
#[derive(Debug, Default)]
pub(crate) enum Source<'t> {
    /// The site's folder, one file perhaps replaced by [`Unsaved`] text.
    Folder {
        root: &'t Path,
        unsaved: Option<Unsaved<'t>>,
    },
    /// [`Texts`], by path.
    Texts(HashMap<&'t str, &'t str>),
    /// Nowhere: the files were given parsed, with their positions.
    #[default]
    Parsed,
}

impl Source<'_> {
    /// `file` read and parsed again, with the positions of its values: for the messages about
    /// a file that was parsed without them. `None` when this source has no text for it.
    pub(crate) fn locate(&self, file: &RawFile) -> Option<Result<RawFile, Diagnostic>> {
        let path = file.file.as_str();
        match self {
            Source::Folder { root, unsaved } => Some(match unsaved.filter(|u| u.file == path) {
                Some(unsaved) => parse_located(path, unsaved.text),
                None => walk::read_text(root, path).and_then(|text| parse_located(path, &text)),
            }),
            Source::Texts(texts) => texts.get(path).map(|text| parse_located(path, text)),
            Source::Parsed => None,
        }
    }
}

pub(crate) const CONFIG_FILES: [&str; 2] = ["status.yaml", "status.yml"];

/// The folder's files as they are on disk, nothing cached or replaced: the tests' way in.
#[cfg(test)]
pub(crate) fn load_site(root: &Path) -> Loaded<'_> {
    load_site_cached(root, None, None)
}

/// Parsed incident files kept between builds (by `serve`): a file is read and parsed again
/// only when its size or modification time changed.
#[derive(Debug, Default)]
pub struct Cache {
    files: HashMap<String, (Stamp, Parsed)>,
}

impl Cache {
    /// Takes `file` as the parse of its file as it is on disk now (`import` parsed the text
    /// it just wrote); a later change to the file is seen by its stamp, as any other.
    pub fn remember(&mut self, root: &Path, file: Arc<RawFile>) {
        let stamp = stamp(root, &file.file);
        self.files.insert(file.file.clone(), (stamp, Ok(file)));
    }

    /// The parse of `file` by the last load, when it parsed.
    pub fn parsed(&self, file: &str) -> Option<Arc<RawFile>> {
        let (_, parsed) = self.files.get(file)?;
        parsed.as_ref().ok().cloned()
    }
}

/// A site's files given as text instead of read from its folder, so that text can be checked
/// before it is written (`import` does).
#[derive(Debug, Default)]
pub struct Texts {
    /// `status.yaml` (or `status.yml`) and its text; none, a site without one.
    pub config: Option<(String, String)>,
    /// Incident files: the path relative to the site root, `/`-separated, and the text.
    pub incidents: Vec<(String, String)>,
}

/// One incident file given as text in place of that file, the folder's other files read as
/// usual (unlike [`Texts`], which stand for the whole site): `update` and `resolve` check an
/// edit with the rest of the site before writing it.
#[derive(Debug, Clone, Copy)]
pub struct Unsaved<'t> {
    /// Path relative to the site root, `/`-separated, as [`RawFile::file`].
    pub file: &'t str,
    pub text: &'t str,
}

type Stamp = Option<(u64, std::time::SystemTime)>;
type Parsed = Result<Arc<RawFile>, Diagnostic>;

fn stamp(root: &Path, file: &str) -> Stamp {
    let meta = std::fs::metadata(root.join(file)).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// [`load_site`], reusing what `cache`, if any, holds for files that did not change, and
/// reading the `unsaved` text, if any, instead of its file.
pub(crate) fn load_site_cached<'t>(
    root: &'t Path,
    cache: Option<&mut Cache>,
    unsaved: Option<Unsaved<'t>>,
) -> Loaded<'t> {
    let mut loaded = Loaded {
        source: Source::Folder { root, unsaved },
        ..Loaded::default()
    };
    load_config(root, &mut loaded);
    loaded
        .report
        .extend(inside::links_out(root, &["static", "themes"]));
    let (paths, walk_report) = walk::incident_files(root);
    loaded.report.merge(walk_report);
    let unsaved_of = |file: &str| unsaved.filter(|unsaved| unsaved.file == file);
    let parse = |file: &str| match unsaved_of(file) {
        Some(unsaved) => parse_unsaved(file, unsaved.text).map(Arc::new),
        None => parse_incident(root, file).map(Arc::new),
    };
    let parsed = match cache {
        Some(cache) => parse_cached(root, &paths, cache, unsaved_of, parse),
        // Without a cache, a file is opened and read once, and nothing else is asked of it.
        None => parallel::map(&paths, |file| parse(file)),
    };
    add_incidents(&mut loaded, parsed);
    loaded
}

/// Each file's parse from `cache` when its stamp did not change, else by `parse`; `cache`
/// then holds this load's.
fn parse_cached<'u>(
    root: &Path,
    paths: &[String],
    cache: &mut Cache,
    unsaved_of: impl Fn(&str) -> Option<Unsaved<'u>> + Sync,
    parse: impl Fn(&str) -> Parsed + Sync,
) -> Vec<Parsed> {
    // Unsaved text is not on disk: like texts, it has no stamp, so it is never reused by a load.
    let stamps: Vec<Stamp> = parallel::map(paths, |file| match unsaved_of(file) {
        Some(_) => None,
        None => stamp(root, file),
    });
    let parsed: Vec<Parsed> = parallel::map(
        &paths.iter().zip(&stamps).collect::<Vec<_>>(),
        |(file, stamp)| match cache.files.get(file.as_str()) {
            Some((seen, parsed)) if seen == *stamp && stamp.is_some() => parsed.clone(),
            _ => parse(file),
        },
    );
    cache.files = paths
        .iter()
        .cloned()
        .zip(stamps.into_iter().zip(parsed.iter().cloned()))
        .collect();
    parsed
}

/// [`load_site_cached`] over `texts`, parsed as the files with that text would be. They are
/// not on disk, so `cache`, if any, keeps their parses without a stamp: for
/// [`Cache::parsed`], never reused by a load from disk.
pub(crate) fn load_texts<'t>(texts: &'t Texts, cache: Option<&mut Cache>) -> Loaded<'t> {
    let by_path = texts
        .incidents
        .iter()
        .map(|(file, text)| (file.as_str(), text.as_str()))
        .collect();
    let mut loaded = Loaded {
        source: Source::Texts(by_path),
        ..Loaded::default()
    };
    if let Some((name, text)) = &texts.config {
        match yaml::parse::<RawConfig>(text, name) {
            Ok(config) => loaded.config = Some((name.clone(), config)),
            Err(diagnostic) => loaded.report.push(diagnostic),
        }
    }
    let parsed: Vec<Parsed> = parallel::map(&texts.incidents, |(file, text)| {
        parse_incident_text(file, text).map(Arc::new)
    });
    if let Some(cache) = cache {
        cache.files = texts
            .incidents
            .iter()
            .zip(&parsed)
            .map(|((file, _), parsed)| (file.clone(), (None, parsed.clone())))
            .collect();
    }
    add_incidents(&mut loaded, parsed);
    loaded
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

/// Reads and parses `file`, one that [`walk::incident_files`] found.
fn parse_incident(root: &Path, file: &str) -> Result<RawFile, Diagnostic> {
    let text = walk::read_walked(root, file)?;
    parse_incident_text(file, &text)
}

/// The text an edit would write to `file`, held to the limit of a file read from the disk:
/// what an edit writes, the next build reads.
fn parse_unsaved(file: &str, text: &str) -> Result<RawFile, Diagnostic> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(walk::too_large(file, text.len() as u64));
    }
    parse_incident_text(file, text)
}

/// Parses the fastest way that takes the file, without positions: its YAML events read
/// directly when it is written the plainest way, else serde-saphyr without key tracking. A
/// file that neither takes, or whose services might repeat a key, is parsed again the full
/// way, which says what is wrong and where.
fn parse_incident_text(file: &str, text: &str) -> Result<RawFile, Diagnostic> {
    let unlocated = plain::read_incident(text).or_else(|| yaml::parse_unlocated(text));
    match unlocated {
        Some(raw) if !may_repeat_a_service(&raw) => Ok(raw_file(file, raw, false)),
        _ => parse_located(file, text),
    }
}

fn parse_located(file: &str, text: &str) -> Result<RawFile, Diagnostic> {
    yaml::parse::<RawIncident>(text, file).map(|raw| raw_file(file, raw, true))
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

/// The incident files that parsed, and the problems of those that did not; slugs checked.
fn add_incidents(loaded: &mut Loaded, parsed: Vec<Parsed>) {
    loaded.incidents.reserve(parsed.len());
    for result in parsed {
        match result {
            Ok(file) => loaded.incidents.push(file),
            Err(diagnostic) => loaded.report.push(diagnostic),
        }
    }
    check_slugs(loaded);
}

/// Slugs name URLs, so each must be well-formed and unique across the whole tree.
fn check_slugs(loaded: &mut Loaded) {
    let mut refused = vec![false; loaded.incidents.len()];
    let mut seen: std::collections::HashMap<&str, &str> =
        std::collections::HashMap::with_capacity(loaded.incidents.len());
    for (i, file) in loaded.incidents.iter().enumerate() {
        let problem = if !is_id(&file.slug) {
            Some(
                Diagnostic::error(&file.file, Pos::default(), format!("bad slug '{}'", file.slug))
                    .with_hint(format!(
                        "the file name is the incident's URL: rename it to match [a-z0-9][a-z0-9-]*, e.g. '{}'",
                        suggested_id(&file.slug)
                    )),
            )
        } else if let Some(message) = too_long("slug", &file.slug) {
            Some(
                Diagnostic::error(&file.file, Pos::default(), message).with_hint(format!(
                    "the file name is the incident's URL: rename the file to {MAX_ID_CHARS} characters or fewer, e.g. '{}'",
                    shortened(&file.slug)
                )),
            )
        } else if let Some(first) = seen.get(file.slug.as_str()) {
            Some(
                Diagnostic::error(
                    &file.file,
                    Pos::default(),
                    format!("two files with the slug '{}'", file.slug),
                )
                .with_hint(format!(
                    "{first} has the same file name: rename one of them"
                )),
            )
        } else {
            seen.insert(&file.slug, &file.file);
            None
        };
        if let Some(diagnostic) = problem {
            loaded.report.push(diagnostic);
            refused[i] = true;
        }
    }
    let mut refused = refused.into_iter();
    loaded
        .incidents
        .retain(|_| !refused.next().unwrap_or(false));
}

/// `[a-z0-9][a-z0-9-]*`: the shape of slugs and service ids.
pub(crate) fn is_id(text: &str) -> bool {
    // Bytes, not chars: every byte allowed is ASCII, and no byte of a longer UTF-8
    // character is.
    let mut bytes = text.bytes();
    bytes
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && bytes.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// The most characters of a slug or a service id: each names a folder or file of the built
/// site, which file systems cap (255 bytes with the extension), and a URL people read.
pub(crate) const MAX_ID_CHARS: usize = 64;

/// What is wrong with `id`, a `what` (slug, service id), when it is longer than
/// [`MAX_ID_CHARS`].
pub(crate) fn too_long(what: &str, id: &str) -> Option<String> {
    let chars = id.chars().count();
    (chars > MAX_ID_CHARS)
        .then(|| format!("the {what} is {chars} characters long, over the limit of {MAX_ID_CHARS}"))
}

/// `id` cut to [`MAX_ID_CHARS`], for hints.
pub(crate) fn shortened(id: &str) -> String {
    let cut: String = suggested_id(id).chars().take(MAX_ID_CHARS).collect();
    cut.trim_end_matches('-').to_string()
}

/// A valid id close to `text`, for the hints of messages: letters of other scripts become
/// their nearest ASCII (`ünï` → `uni`, `카카오톡` → `kakaotog`), not nothing.
pub(crate) fn suggested_id(text: &str) -> String {
    slugify(&deunicode::deunicode(text))
}

/// A valid id close to `text`, its ASCII letters and digits kept.
pub(crate) fn slugify(text: &str) -> String {
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
mod tests;
