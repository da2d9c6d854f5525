//! A run of cases: make each, run `check` and `build` on it, hold the results to the
//! invariants, keep the failing ones.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::files::{self, Site};
use crate::mutate::{self, HELD_BACK};
use crate::rng::{Rng, next_seed};
use crate::run;

pub(crate) enum Budget {
    Cases(u64),
    Until(Instant),
}

/// The moments the cases are built at: the example sites' own, a day in the Apia gap, far
/// before and after every incident.
const NOWS: &[&str] = &[
    "2022-10-17T10:30:00+09:00",
    "2024-03-05T10:00:00+01:00",
    "2024-03-10T00:00:00Z",
    "2011-12-30T12:00:00+14:00",
    "1999-01-01T00:00:00Z",
    "2040-02-29T23:59:59-12:00",
];

pub(crate) struct Campaign {
    seed: u64,
    budget: Budget,
    held_back: Vec<&'static str>,
    /// The sites to mutate, by their path in the repository; valid ones first.
    fixtures: Vec<(String, Site)>,
    valid: usize,
    work: PathBuf,
    kept: PathBuf,
}

struct Case {
    seed: u64,
    fixture: String,
    now: &'static str,
    names: Vec<&'static str>,
    log: Vec<String>,
}

#[derive(Default)]
struct Tally {
    cases: u64,
    check_passed: u64,
    mutations: BTreeMap<&'static str, u64>,
    /// Disagreements explained by a held-back defect.
    known: BTreeMap<&'static str, u64>,
    findings: Vec<String>,
}

/// The folder a build keeps beside its output `site/`.
const WORKSPACE: &str = ".site.statusgen";

impl Campaign {
    pub(crate) fn new(seed: u64, budget: Budget) -> Campaign {
        let held_back = match std::env::var("STATUSGEN_FUZZ_HELD_BACK").as_deref() {
            Ok("run") => vec![],
            _ => HELD_BACK.to_vec(),
        };
        let (fixtures, valid) = fixtures();
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        Campaign {
            seed,
            budget,
            held_back,
            fixtures,
            valid,
            work: tmp.join(format!("fuzz-{}-{seed:x}", std::process::id())),
            kept: tmp.join("fuzz-failures"),
        }
    }

    pub(crate) fn run_and_assert(self) {
        let started = Instant::now();
        let out = self.work.join("out");
        self.first_output(&out.join("site"));
        let mut tally = Tally::default();
        let mut seed = self.seed;
        while self.more(tally.cases) {
            let (case, site) = self.make(seed);
            for name in &case.names {
                *tally.mutations.entry(name).or_default() += 1;
            }
            let dir = self.work.join("case");
            site.write(&dir);
            // One case in eight is built twice, to compare.
            let twice = seed.is_multiple_of(8);
            let judged = judge(&dir, &out, case.now, &self.held_back, twice);
            tally.cases += 1;
            tally.check_passed += u64::from(judged.check_passed);
            if let Some(cause) = judged.known {
                *tally.known.entry(cause).or_default() += 1;
            }
            if !judged.problems.is_empty() {
                let report = self.keep(&case, &dir, &judged.problems);
                eprintln!("{report}");
                tally.findings.push(report);
            }
            seed = next_seed(seed);
        }
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "fuzz: seed {:#x}: {} cases in {secs:.1} s ({:.1}/s), {} passed check, {} findings; \
             mutations {:?}; held back {:?}, seen {:?}",
            self.seed,
            tally.cases,
            tally.cases as f64 / secs,
            tally.check_passed,
            tally.findings.len(),
            tally.mutations,
            self.held_back,
            tally.known,
        );
        if tally.findings.is_empty() {
            let _ = fs::remove_dir_all(&self.work);
        }
        assert!(
            tally.findings.is_empty(),
            "{} of {} mutated sites broke an invariant:\n\n{}",
            tally.findings.len(),
            tally.cases,
            tally.findings.join("\n\n")
        );
    }

    fn more(&self, done: u64) -> bool {
        match self.budget {
            Budget::Cases(cases) => done < cases,
            Budget::Until(end) => Instant::now() < end,
        }
    }

    /// The output a failed build must leave as it was: the repository's own site.
    fn first_output(&self, out: &Path) {
        let site = &self.fixtures[0].1;
        let dir = self.work.join("first");
        site.write(&dir);
        let out = out.to_string_lossy();
        let ran = run::statusgen(&dir, &["build", "site", "-o", &out, "--now", NOWS[0]]);
        assert!(
            ran.passed(),
            "the unchanged site does not build:\n{}",
            ran.stderr
        );
    }

    /// The case of `seed`: a fixture, a moment, one to eight mutations.
    fn make(&self, seed: u64) -> (Case, Site) {
        let mut rng = Rng::new(seed);
        let index = if rng.chance(80) {
            rng.below(self.valid)
        } else {
            self.valid + rng.below(self.fixtures.len() - self.valid)
        };
        let (fixture, original) = &self.fixtures[index];
        let mut site = original.clone();
        let now = *rng.pick(NOWS);
        // Mostly one change, so that many cases still pass `check` and reach the render.
        let count = match rng.below(10) {
            0..=4 => 1,
            5..=7 => 2,
            8 => 3,
            _ => 8,
        };
        let (mut names, mut log) = (Vec::new(), Vec::new());
        for _ in 0..count * 4 {
            if log.len() == count {
                break;
            }
            if let Some(applied) = mutate::mutate(&mut site, &mut rng, &self.held_back) {
                let tag = applied.tag.map(|t| format!(" [{t}]")).unwrap_or_default();
                log.push(format!("{}: {}{tag}", applied.name, applied.detail));
                names.push(applied.name);
            }
        }
        let case = Case {
            seed,
            fixture: fixture.clone(),
            now,
            names,
            log,
        };
        (case, site)
    }

    /// Copies the failing case under `fuzz-failures/SEED` and says how to see it again.
    fn keep(&self, case: &Case, dir: &Path, problems: &[String]) -> String {
        let kept = self.kept.join(format!("{:016x}", case.seed));
        let _ = fs::remove_dir_all(&kept);
        files::copy_tree(dir, &kept);
        let mut report = String::new();
        let _ = writeln!(
            report,
            "case {:#018x} ({}), --now {}:",
            case.seed, case.fixture, case.now
        );
        for problem in problems {
            let _ = writeln!(report, "  problem: {problem}");
        }
        for line in &case.log {
            let _ = writeln!(report, "  mutation {line}");
        }
        let _ = writeln!(report, "  kept in {}", kept.display());
        let _ = writeln!(
            report,
            "  see it: cd {} && statusgen check site --now {now} ; statusgen build site -o out --now {now}",
            kept.display(),
            now = case.now
        );
        let _ = write!(
            report,
            "  replay: STATUSGEN_FUZZ_SEED={:#x} STATUSGEN_FUZZ_CASES=1 STATUSGEN_FUZZ_HELD_BACK={} \
             cargo test --test fuzz -- --ignored --nocapture",
            case.seed,
            if self.held_back.is_empty() {
                "run"
            } else {
                "keep"
            }
        );
        let _ = fs::write(kept.join("case.txt"), &report);
        report
    }
}

/// Runs `check` and `build` on the case in `dir` (and, `twice`, a second build to compare)
/// and says what broke.
fn judge(dir: &Path, out: &Path, now: &str, held_back: &[&str], twice: bool) -> Judged {
    let mut problems = Vec::new();
    let check = run::statusgen(dir, &["check", "site", "--now", now]);
    // Beside its output a build keeps `.site.statusgen/` (its lock and the generation the
    // next build writes into): it is the build's own, so only `site/` is compared.
    let output = |tree: files::Tree| -> files::Tree {
        tree.into_iter()
            .filter(|(p, _)| !p.starts_with(WORKSPACE))
            .collect()
    };
    let before = output(files::tree(out));
    let target = out.join("site");
    let target = target.to_string_lossy();
    let build = run::statusgen(dir, &["build", "site", "-o", &target, "--now", now]);
    let after = output(files::tree(out));
    for (command, ran) in [("check", &check), ("build", &build)] {
        if let Some(problem) = ran.ending_problem() {
            problems.push(format!("{command} {problem}"));
        }
    }
    let known = (check.passed() && !build.passed())
        .then(|| mutate::known_cause(&build.stderr, dir.join("site/themes").is_dir()))
        .flatten()
        .filter(|cause| held_back.contains(cause));
    if check.passed() != build.passed() && known.is_none() {
        let (failed, ran) = if check.passed() {
            ("build", &build)
        } else {
            ("check", &check)
        };
        problems.push(format!(
            "check and build disagree: only {failed} failed:\n    {}",
            run::first_lines(&ran.stderr)
        ));
    }
    if !build.passed() {
        if let Some(change) = files::difference(&before, &after) {
            problems.push(format!(
                "the failed build touched the previous output: {change}"
            ));
        }
    } else if let Some(extra) = after
        .keys()
        .find(|p| p.components().count() == 1 && *p != Path::new("site"))
    {
        problems.push(format!(
            "the build left {} beside its output",
            extra.display()
        ));
    }
    if check.passed() {
        let site = dir.join("site");
        let files = files::incident_files(&site);
        let counted = run::incidents_counted(&check.stdout);
        if files.is_some() && counted != files {
            problems.push(format!(
                "check counted {counted:?} incidents of {files:?} incident files"
            ));
        }
    }
    if build.passed() && twice {
        let again = dir.with_file_name("again");
        let again_arg = again.to_string_lossy();
        let ran = run::statusgen(dir, &["build", "site", "-o", &again_arg, "--now", now]);
        if !ran.passed() {
            problems.push(format!(
                "a second build failed:\n    {}",
                run::first_lines(&ran.stderr)
            ));
        } else if let Some(change) =
            files::difference(&files::tree(&out.join("site")), &files::tree(&again))
        {
            problems.push(format!("two builds of one input differ: {change}"));
        }
    }
    if build.passed()
        && let Some(path) = files::holds_secret(&out.join("site"))
    {
        problems.push(format!(
            "the build published a file from outside the site: {}",
            path.display()
        ));
    }
    Judged {
        problems,
        check_passed: check.passed(),
        known,
    }
}

/// What [`judge`] found: the problems, whether `check` passed, and a held-back defect that
/// explains a disagreement.
struct Judged {
    problems: Vec<String>,
    check_passed: bool,
    known: Option<&'static str>,
}

/// The repository's own site, then the valid and build fixtures, then the invalid ones; and
/// how many are in the first part.
fn fixtures() -> (Vec<(String, Site)>, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sites = vec![(".".to_string(), Site::read(root, false))];
    let mut valid = 1;
    for group in ["valid", "build", "invalid"] {
        let dir = root.join("tests/fixtures").join(group);
        let mut names: Vec<_> = fs::read_dir(&dir)
            .expect("cannot list the fixtures")
            .map(|e| e.expect("cannot list the fixtures").file_name())
            .collect();
        names.sort();
        for name in names {
            let path = format!("tests/fixtures/{group}/{}", name.to_string_lossy());
            sites.push((path.clone(), Site::read(&root.join(&path), true)));
            if group != "invalid" {
                valid += 1;
            }
        }
    }
    (sites, valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign(held_back: bool) -> Campaign {
        let mut campaign = Campaign::new(7, Budget::Cases(0));
        if !held_back {
            campaign.held_back.clear();
        }
        campaign
    }

    #[test]
    fn a_case_is_the_same_from_the_same_seed() {
        let campaign = campaign(true);
        let mut seed = 7;
        for _ in 0..50 {
            let (first, site) = campaign.make(seed);
            let (again, site_again) = campaign.make(seed);
            assert_eq!(
                (first.fixture, first.now, first.log),
                (again.fixture, again.now, again.log)
            );
            assert!(
                site == site_again,
                "case {seed:#x} made two different sites"
            );
            seed = next_seed(seed);
        }
    }

    /// The tags are in the log as `[tag]`: none of a held-back one by default, and some
    /// when they are asked for, so that the list is what holds them back. Tags of mutations
    /// whose defects are fixed are held back here to see it.
    #[test]
    fn held_back_mutations_are_made_only_when_asked() {
        const TAGGED: &[&str] = &["outside-symlink", "long-id", "upper-case-extension"];
        let holding = |all: bool| {
            let mut campaign = campaign(all);
            if all {
                campaign.held_back.extend(TAGGED);
            }
            campaign
        };
        let tagged = |campaign: &Campaign| {
            let mut seed = 11;
            let mut tagged = 0;
            for _ in 0..400 {
                let (case, _) = campaign.make(seed);
                tagged += case
                    .log
                    .iter()
                    .filter(|l| TAGGED.iter().any(|t| l.contains(&format!("[{t}]"))))
                    .count();
                seed = next_seed(seed);
            }
            tagged
        };
        assert_eq!(tagged(&holding(true)), 0);
        assert!(tagged(&holding(false)) > 0);
    }
}
