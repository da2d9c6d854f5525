//! A site folder, opened: the one way in for every command. [`Project::open`] reads what the
//! command needs (through `load`), checks it (through `validate`) into the model, and settles
//! the two things a run decides rather than the files: "now" and the base URL.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant as Clock};

use crate::diagnostics::Report;
use crate::load::{self, Cache, Texts, ThemeError, Unsaved};
use crate::model::{Instant, Site};
use crate::theme::Theme;
use crate::validate;

/// A site folder read and checked.
#[derive(Debug)]
pub struct Project {
    /// The folder, as given: problems name files relative to it.
    pub root: PathBuf,
    /// Settings, services and incidents. `site.config.base_url` is the base URL of this run:
    /// the one of [`Options::base_url`], else the one of status.yaml.
    pub site: Site,
    /// The moment the site is shown at.
    pub now: Instant,
    /// Whether status.yaml lists the services; without a list they come from the incidents.
    pub services_listed: bool,
    pub stats: Stats,
    /// Read when [`Options::read_theme`] asks and the site has no errors.
    theme: Result<Theme, Arc<NoTheme>>,
}

/// What opening took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Incident files read and parsed.
    pub incident_files: usize,
    /// Reading and parsing files: status.yaml, incidents, the theme, `static/`.
    pub reading: Duration,
    /// Checking what was read and building the model.
    pub validating: Duration,
}

/// How to open a site.
#[derive(Debug)]
pub struct Options<'c> {
    /// The moment to show, from [`crate::clock::now`].
    pub now: Instant,
    /// Replaces `base_url` of status.yaml.
    pub base_url: Option<BaseUrl>,
    /// Also read the theme and `static/`: for the commands that render.
    pub read_theme: bool,
    /// Incident files parsed by an earlier open, reused when unchanged (`serve`).
    pub cache: Option<&'c mut Cache>,
    /// Texts to open instead of the folder's status.yaml and incident files (`import` checks
    /// what it would write). The folder still gives the theme, and need not exist.
    pub texts: Option<&'c Texts>,
    /// One incident file's text to read in place of that file of the folder, whose other files
    /// are read as usual (`update` and `resolve` check an edit before writing it).
    pub unsaved: Option<Unsaved<'c>>,
}

impl Options<'_> {
    /// Options for a run at `now` that reads no theme, overrides nothing and keeps no cache.
    pub fn at(now: Instant) -> Options<'static> {
        Options {
            now,
            base_url: None,
            read_theme: false,
            cache: None,
            texts: None,
            unsaved: None,
        }
    }
}

/// A value given for a run rather than written in the site, and where it was given, so that
/// an error names it the way the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The flag without `--`, which is also the key of book.toml: `now`, `base-url`.
    pub name: &'static str,
    pub text: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    CommandLine,
    /// `[preprocessor.statusgen]` of an mdBook's book.toml.
    BookToml,
}

impl Setting {
    pub fn new(name: &'static str, text: &str, origin: Origin) -> Setting {
        Setting {
            name,
            text: text.to_string(),
            origin,
        }
    }

    /// `--now 'x'`, or `now = "x" in [preprocessor.statusgen] of book.toml`.
    pub fn quoted(&self) -> String {
        match self.origin {
            Origin::CommandLine => format!("--{} '{}'", self.name, self.text),
            Origin::BookToml => format!(
                "{} = \"{}\" in [preprocessor.statusgen] of book.toml",
                self.name, self.text
            ),
        }
    }
}

/// An absolute URL ending in `/`, normalized as status.yaml's `base_url` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    pub fn parse(setting: &Setting) -> Result<BaseUrl, OpenError> {
        validate::absolute_url(&setting.text)
            .map(BaseUrl)
            .ok_or_else(|| OpenError::BaseUrl(setting.clone()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a site could not be opened at all. Problems in its files are not this: they are the
/// [`Report`] beside the project.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("{} is not an absolute URL: write e.g. https://user.github.io/status/", .0.quoted())]
    BaseUrl(Setting),
}

/// Why a project has no theme to render with.
#[derive(Debug, thiserror::Error)]
pub enum NoTheme {
    #[error("the theme was not read")]
    NotAsked,
    #[error("the theme was not read: the site has errors")]
    SiteHasErrors,
    #[error(transparent)]
    Unreadable(#[from] ThemeError),
}

impl Project {
    /// Reads and checks the site at `root`. The project is made even when the files have
    /// errors, as far as it goes; the report says what is wrong, and callers look at it first.
    pub fn open(root: &Path, options: Options<'_>) -> Result<(Project, Report), OpenError> {
        let started = Clock::now();
        let loaded = match options.texts {
            Some(texts) => load::load_texts(texts, options.cache),
            None => {
                check_root(root)?;
                load::load_site_cached(root, options.cache, options.unsaved)
            }
        };
        let services_listed = loaded
            .config
            .as_ref()
            .is_some_and(|(_, config)| config.services.is_some());
        let incident_files = loaded.incidents.len();
        let languages = load::languages(root);
        let mut reading = started.elapsed();

        let started = Clock::now();
        let (mut site, report) = validate::validate(loaded, &languages);
        let validating = started.elapsed();
        if let Some(BaseUrl(url)) = options.base_url {
            site.config.base_url = Some(url);
        }

        let started = Clock::now();
        let theme = if !options.read_theme {
            Err(Arc::new(NoTheme::NotAsked))
        } else if report.has_errors() {
            Err(Arc::new(NoTheme::SiteHasErrors))
        } else {
            load::load_theme(root, &site.config.theme, &site.config.language)
                .map_err(|e| Arc::new(NoTheme::Unreadable(e)))
        };
        reading += started.elapsed();
        let project = Project {
            root: root.to_path_buf(),
            site,
            now: options.now,
            services_listed,
            stats: Stats {
                incident_files,
                reading,
                validating,
            },
            theme,
        };
        Ok((project, report))
    }

    /// The theme, with the site's `static/` over its static files; or why there is none (it
    /// is missing, its UI strings do not parse, or it was not asked for).
    pub fn theme(&self) -> Result<&Theme, Arc<NoTheme>> {
        self.theme.as_ref().map_err(Arc::clone)
    }
}

/// A site is a folder; anything else is a mistake on the command line.
pub(crate) fn check_root(root: &Path) -> Result<(), OpenError> {
    if root.is_dir() {
        Ok(())
    } else {
        Err(OpenError::NotAFolder(root.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/build")
            .join(name)
    }

    fn now() -> Instant {
        crate::model::time::parse_timestamp("2024-03-12T12:00:00Z", Default::default()).unwrap()
    }

    #[test]
    fn the_base_url_given_replaces_the_site_one_and_is_normalized_like_it() {
        let setting = Setting::new("base-url", " https://x.io/status ", Origin::CommandLine);
        let options = Options {
            base_url: Some(BaseUrl::parse(&setting).unwrap()),
            ..Options::at(now())
        };
        let (project, report) = Project::open(&fixture("small"), options).unwrap();
        assert!(!report.has_errors());
        assert_eq!(
            project.site.config.base_url.as_deref(),
            Some("https://x.io/status/")
        );
        assert_eq!(project.now, now());
    }

    #[test]
    fn a_bad_base_url_is_named_as_it_was_given() {
        let flag = Setting::new("base-url", "example.com", Origin::CommandLine);
        let book = Setting::new("base-url", "/docs/", Origin::BookToml);
        assert_eq!(
            BaseUrl::parse(&flag).unwrap_err().to_string(),
            "--base-url 'example.com' is not an absolute URL: write e.g. https://user.github.io/status/"
        );
        assert!(
            BaseUrl::parse(&book)
                .unwrap_err()
                .to_string()
                .starts_with("base-url = \"/docs/\" in [preprocessor.statusgen] of book.toml")
        );
    }

    #[test]
    fn unsaved_text_is_read_in_place_of_its_file_and_checked_like_it() {
        let file = "incidents/db-latency.yaml";
        let on_disk = std::fs::read_to_string(fixture("small").join(file)).unwrap();
        let edited = on_disk.replace("Slow database queries", "Slow reads");
        let open = |text: &str| {
            let options = Options {
                unsaved: Some(Unsaved { file, text }),
                ..Options::at(now())
            };
            Project::open(&fixture("small"), options).unwrap()
        };
        let (project, report) = open(&edited);
        assert!(!report.has_errors());
        let title = |project: &Project| project.site.incident("db-latency").unwrap().title.clone();
        assert_eq!(title(&project), "Slow reads");
        let (_, report) = open(&edited.replace("state: degraded", "state: degarded"));
        let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].file.as_str(), errors[0].pos.line), (file, 6));
        let (project, _) = Project::open(&fixture("small"), Options::at(now())).unwrap();
        assert_eq!(
            title(&project),
            "Slow database queries",
            "the file is left as it was"
        );
    }

    #[test]
    fn the_theme_is_read_only_when_asked() {
        let (project, _) = Project::open(&fixture("themed"), Options::at(now())).unwrap();
        assert!(matches!(*project.theme().unwrap_err(), NoTheme::NotAsked));
        let options = Options {
            read_theme: true,
            ..Options::at(now())
        };
        let (project, _) = Project::open(&fixture("themed"), options).unwrap();
        let theme = project.theme().unwrap();
        assert!(
            theme.statics.contains_key("CNAME.txt"),
            "the site's static/"
        );
        assert!(theme.i18n.contains_key("fr"));
        let missing = Path::new("tests/fixtures/no-such-site");
        assert_eq!(
            Project::open(missing, Options::at(now())).unwrap_err(),
            OpenError::NotAFolder(missing.to_path_buf())
        );
    }

    #[test]
    fn texts_are_opened_instead_of_the_folders_files() {
        let outage = "title: Outage\nstarted: 2024-03-01T10:00:00Z\nresolved: 2024-03-01T12:00:00Z\nservices:\n  api:\n    - { at: 0, state: major_outage }\n    - { at: 1, state: operational }\n";
        let texts = Texts {
            config: Some((
                "status.yaml".into(),
                "title: T\nservices:\n  - id: api\n    name: API\n".into(),
            )),
            incidents: vec![
                ("incidents/2024/outage.yaml".into(), outage.into()),
                ("incidents/broken.yaml".into(), "title: [\n".into()),
            ],
        };
        let mut cache = Cache::default();
        let options = Options {
            texts: Some(&texts),
            cache: Some(&mut cache),
            ..Options::at(now())
        };
        let missing = Path::new("tests/fixtures/no-such-site");
        let (project, report) = Project::open(missing, options).unwrap();
        assert!(project.services_listed);
        assert_eq!(project.site.incidents.len(), 1);
        assert_eq!(project.site.incidents[0].slug, "outage");
        let files: Vec<&str> = report.diagnostics.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(files, ["incidents/broken.yaml"]);
        assert!(cache.parsed("incidents/2024/outage.yaml").is_some());
        assert!(cache.parsed("incidents/broken.yaml").is_none());
    }
}
