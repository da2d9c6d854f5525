//! A job: one file of the output, planned before anything is made, so every output is
//! rendered, counted and scoped the same way.

use std::ops::Range;

use super::error::TemplateError;

/// Makes a job's bytes, given the job's path.
type Make<'p> = Box<dyn Fn(&str) -> Result<Vec<u8>, TemplateError> + Send + Sync + 'p>;

pub(super) struct Job<'p> {
    /// Where the file goes, relative to the output root, `/`-separated.
    pub path: String,
    /// What could change it, for incremental builds.
    pub reach: Reach,
    /// A page crawlers should index: listed in `sitemap.xml`.
    pub listed: bool,
    make: Make<'p>,
}

/// The incidents a job shows, and so which edits make it again in an incremental build.
/// Indices are into the plan's visible incidents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reach {
    /// Anything: made in every build (the home page, feeds, the API, static files...).
    All,
    /// One incident's own page.
    Incident(usize),
    /// A run of incidents, as a page of the history lists them.
    Incidents(Range<usize>),
    /// Every incident of one service (catalog index), whose pages show its state and uptime.
    Service(usize),
}

impl<'p> Job<'p> {
    /// A file that `make` writes when the job runs, made again in every build.
    pub(super) fn new(
        path: impl Into<String>,
        make: impl Fn(&str) -> Result<Vec<u8>, TemplateError> + Send + Sync + 'p,
    ) -> Job<'p> {
        Job {
            path: path.into(),
            reach: Reach::All,
            listed: false,
            make: Box::new(make),
        }
    }

    /// A file whose bytes are known when it is planned.
    pub(super) fn bytes(path: impl Into<String>, bytes: &'p [u8]) -> Job<'p> {
        Job::new(path, move |_| Ok(bytes.to_vec()))
    }

    pub(super) fn reach(self, reach: Reach) -> Job<'p> {
        Job { reach, ..self }
    }

    /// Lists the job in the sitemap.
    pub(super) fn listed(self) -> Job<'p> {
        Job {
            listed: true,
            ..self
        }
    }

    /// The file's bytes.
    pub(super) fn make(&self) -> Result<Vec<u8>, TemplateError> {
        (self.make)(&self.path)
    }
}

/// Drops every job that a later job at the same path replaces (a static file over a page),
/// keeping the order of the rest.
pub(super) fn last_of_each_path(jobs: &mut Vec<Job<'_>>) {
    let mut seen = std::collections::HashSet::with_capacity(jobs.len());
    let kept: Vec<bool> = jobs
        .iter()
        .rev()
        .map(|job| seen.insert(job.path.as_str()))
        .collect();
    drop(seen);
    let mut kept = kept.into_iter().rev();
    jobs.retain(|_| kept.next().unwrap_or(true));
}

/// A file planned where another planned file needs a folder (`index.html` and
/// `index.html/x`): the two cannot both be written. Names the file, then the one inside it.
pub(super) fn folder_clash<'j>(jobs: &'j [Job<'_>]) -> Option<(&'j str, &'j str)> {
    let paths: std::collections::HashSet<&str> = jobs.iter().map(|j| j.path.as_str()).collect();
    jobs.iter().find_map(|job| {
        let path = job.path.as_str();
        path.match_indices('/')
            .map(|(at, _)| &path[..at])
            .find(|folder| paths.contains(folder))
            .map(|file| (file, path))
    })
}

/// Every file of `jobs`, made, in order.
#[cfg(test)]
pub(super) fn files(jobs: &[Job<'_>]) -> Vec<crate::output::OutputFile> {
    jobs.iter()
        .map(|job| crate::output::OutputFile::new(&job.path, job.make().unwrap()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_job_replaces_an_earlier_one_at_its_path() {
        let mut jobs = vec![
            Job::bytes("index.html", b"page"),
            Job::bytes("feed.xml", b"feed"),
            Job::bytes("index.html", b"static"),
        ];
        last_of_each_path(&mut jobs);
        let made: Vec<(String, Vec<u8>)> = jobs
            .iter()
            .map(|j| (j.path.clone(), j.make().unwrap()))
            .collect();
        assert_eq!(
            made,
            [
                ("feed.xml".to_string(), b"feed".to_vec()),
                ("index.html".to_string(), b"static".to_vec())
            ]
        );
    }

    #[test]
    fn jobs_make_their_bytes_from_their_path() {
        let job = Job::new("a/b.txt", |path| Ok(path.as_bytes().to_vec()))
            .reach(Reach::Incident(3))
            .listed();
        assert_eq!(job.make().unwrap(), b"a/b.txt");
        assert_eq!(job.reach, Reach::Incident(3));
        assert!(job.listed);
    }
}
