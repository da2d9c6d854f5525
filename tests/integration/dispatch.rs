//! The "Status update" form (`.github/workflows/status-update.yml`, written by `init
//! --github-pages`): its script, taken from the workflow as written, runs against a git
//! repository with a local bare remote, with its inputs as environment variables — hostile
//! ones included. And every workflow and the action keep their inputs out of their scripts.

use std::path::{Path, PathBuf};
use std::process::Command;

use statusgen::internals::{Node, NodeValue, RawIncident, parse_tree, parse_yaml};

use crate::common::{
    DEFAULT_TIMEOUT, TempDir, assert_contains, read, repo_root, run_in, run_step, step_script,
};

const ACTOR: &str = "octo-cat";
const ACTOR_ID: &str = "4242";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Maintainer")
        .env("GIT_AUTHOR_EMAIL", "maintainer@example.com")
        .env("GIT_COMMITTER_NAME", "Maintainer")
        .env("GIT_COMMITTER_EMAIL", "maintainer@example.com")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A value below `node` by keys.
fn at<'a>(node: &'a Node, keys: &[&str]) -> &'a Node {
    keys.iter().fold(node, |n, key| {
        n.entry(key)
            .unwrap_or_else(|| panic!("no `{key}` in the workflow"))
            .1
    })
}

/// A site made by `init --github-pages`, pushed to a bare remote: `(clone, remote)`.
fn repository(tmp: &TempDir) -> (PathBuf, PathBuf) {
    let (code, _, err) = run_in(
        tmp.path(),
        ["init", "site", "--github-pages", "-q"],
        DEFAULT_TIMEOUT,
    );
    assert_eq!(code, 0, "{err}");
    let site = tmp.join("site");
    let remote = tmp.join("remote.git");
    git(
        tmp.path(),
        &[
            "init",
            "--quiet",
            "--bare",
            "--initial-branch=main",
            "remote.git",
        ],
    );
    git(&site, &["init", "--quiet", "--initial-branch=main"]);
    git(&site, &["add", "--all"]);
    git(&site, &["commit", "--quiet", "-m", "A status site"]);
    git(&site, &["remote", "add", "origin", "../remote.git"]);
    git(&site, &["push", "--quiet", "-u", "origin", "main"]);
    (site, remote)
}

struct Form<'a> {
    incident: &'a str,
    title: &'a str,
    services: &'a str,
    status: &'a str,
    message: &'a str,
    resolve: bool,
}

/// Runs the form's script in `site` as the runner would (`bash -e -o pipefail`), "now"
/// being `epoch`.
fn submit(tmp: &TempDir, site: &Path, form: &Form, epoch: i64) -> (bool, String) {
    let workflow = read(site.join(".github/workflows/status-update.yml"));
    let (run, env) = step_script(
        &workflow,
        "status-update.yml",
        &["jobs", "update", "steps"],
        "Post the update",
    );
    assert_eq!(
        env,
        [
            "INCIDENT", "TITLE", "SERVICES", "STATUS", "MESSAGE", "RESOLVE"
        ]
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_statusgen"))
        .parent()
        .expect("a folder");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let text = |p: PathBuf| p.to_string_lossy().into_owned();
    let env = [
        ("PATH", path),
        ("GIT_CONFIG_NOSYSTEM", "1".to_string()),
        ("SITE", ".".to_string()),
        ("INCIDENT", form.incident.to_string()),
        ("TITLE", form.title.to_string()),
        ("SERVICES", form.services.to_string()),
        ("STATUS", form.status.to_string()),
        ("MESSAGE", form.message.to_string()),
        ("RESOLVE", form.resolve.to_string()),
        ("GITHUB_ACTOR", ACTOR.to_string()),
        ("GITHUB_ACTOR_ID", ACTOR_ID.to_string()),
        ("GITHUB_STEP_SUMMARY", text(tmp.join("summary.md"))),
        ("RUNNER_TEMP", text(runner_temp(tmp))),
        ("SOURCE_DATE_EPOCH", epoch.to_string()),
    ];
    run_step(tmp, site, &run, &env)
}

/// A fresh `RUNNER_TEMP`, as each job gets.
fn runner_temp(tmp: &TempDir) -> PathBuf {
    let dir = tmp.join("runner-temp");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp folder");
    dir
}

/// Files named `pwned*` anywhere under `dir`: what a hostile input would have created.
fn pwned(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with("pwned") {
                found.push(path.clone());
            }
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    found
}

/// The line of `log` holding `needle` (what statusgen printed) comes while workflow
/// commands are stopped: after `::stop-commands::TOKEN` and before `::TOKEN::`.
#[track_caller]
fn assert_commands_stopped(log: &str, needle: &str) {
    let mut token: Option<&str> = None;
    for line in log.lines() {
        if let Some(t) = line.strip_prefix("::stop-commands::") {
            token = Some(t);
        } else if token.is_some_and(|t| line == format!("::{t}::")) {
            token = None;
        } else if line.contains(needle) {
            assert!(
                token.is_some(),
                "{line:?} is printed while workflow commands run:\n{log}"
            );
            return;
        }
    }
    panic!("no line with {needle:?} in:\n{log}");
}

fn incident_in(remote: &Path, slug: &str) -> RawIncident {
    let text = git(remote, &["show", &format!("main:incidents/{slug}.yaml")]);
    parse_yaml(&text, "remote.yaml").expect("the pushed file parses")
}

const HOSTILE_TITLE: &str =
    "Login \"broken\" $(touch pwned-title) `touch pwned-tick`; touch pwned-semi";
const HOSTILE_MESSAGE: &str = "It's \"down\" $(touch pwned-msg)\n`touch pwned-msg2`; touch pwned-msg3 && echo $HOME\n\n# not a comment: yes\n";

#[test]
fn the_form_posts_a_whole_incident_and_runs_no_input() {
    let tmp = TempDir::new("dispatch");
    let (site, remote) = repository(&tmp);
    let start = 1_772_440_200; // 2026-03-02T08:30:00Z

    let (ok, log) = submit(
        &tmp,
        &site,
        &Form {
            incident: "new",
            title: HOSTILE_TITLE,
            services: "login=major_outage, api=degraded:slow; $(touch pwned-note)",
            status: "investigating",
            message: HOSTILE_MESSAGE,
            resolve: false,
        },
        start,
    );
    assert!(ok, "{log}");
    let slug = git(&remote, &["ls-tree", "--name-only", "main", "incidents/"])
        .lines()
        .filter_map(|l| l.strip_prefix("incidents/")?.strip_suffix(".yaml"))
        .find(|s| s.ends_with("-login-broken-touch-pwned-title-touch-pwned-tick-to"))
        .unwrap_or_else(|| panic!("no new incident pushed:\n{log}"))
        .to_string();
    let raw = incident_in(&remote, &slug);
    assert_eq!(raw.title.map(|t| t.value).as_deref(), Some(HOSTILE_TITLE));
    let updates = raw.updates.expect("updates");
    assert_eq!(updates[0].body.as_deref(), Some(HOSTILE_MESSAGE));
    assert_eq!(updates[0].status.value, "investigating");
    let author = git(&remote, &["log", "-1", "--format=%an <%ae>|%s", "main"]);
    assert_eq!(
        author.trim(),
        format!("{ACTOR} <{ACTOR_ID}+{ACTOR}@users.noreply.github.com>|{slug}: new incident")
    );
    assert_contains(
        &std::fs::read_to_string(tmp.join("summary.md")).expect("a summary"),
        &[&format!("created incidents/{slug}.yaml")],
    );

    // Someone else posts to the same incident meanwhile, adding to the list the form adds
    // to: the form takes its step again on top, and both updates stay.
    let other = tmp.join("other");
    git(tmp.path(), &["clone", "--quiet", "remote.git", "other"]);
    let (code, out, err) = run_in(
        &other,
        [
            "update", ".", &slug, "--body", "On it.", "--at", "10m", "-q",
        ],
        DEFAULT_TIMEOUT,
    );
    assert_eq!(code, 0, "{out}{err}");
    git(&other, &["commit", "--quiet", "-am", "Their update"]);
    git(&other, &["push", "--quiet"]);

    let (ok, log) = submit(
        &tmp,
        &site,
        &Form {
            incident: &format!(" {}\n", slug.to_uppercase()),
            title: "",
            services: "Api = Operational\nlogin=partial_outage:Half of sign-ins `work`",
            status: "identified",
            message: "Found: a \"bad\" deploy; rolling back.\n$(touch pwned-2)",
            resolve: false,
        },
        start + 20 * 60,
    );
    assert!(ok, "{log}");
    assert_contains(&log, &["push 1 failed: taking the step again"]);
    assert_commands_stopped(&log, " — ongoing at ");
    let raw = incident_in(&remote, &slug);
    let bodies: Vec<Option<String>> = raw
        .updates
        .iter()
        .flatten()
        .map(|u| u.body.clone())
        .collect();
    assert_eq!(
        bodies[1..],
        [
            Some("On it.\n".to_string()),
            Some("Found: a \"bad\" deploy; rolling back.\n$(touch pwned-2)\n".to_string())
        ]
    );
    let log_lines = git(&remote, &["log", "--format=%s", "main"]);
    assert_eq!(
        log_lines.lines().collect::<Vec<_>>(),
        [
            &format!("{slug}: update") as &str,
            "Their update",
            &format!("{slug}: new incident"),
            "A status site"
        ]
    );

    let (ok, log) = submit(
        &tmp,
        &site,
        &Form {
            incident: &slug,
            title: "",
            services: "",
            status: "unchanged",
            message: "",
            resolve: true,
        },
        start + 45 * 60,
    );
    assert!(ok, "{log}");
    let raw = incident_in(&remote, &slug);
    assert_eq!(
        raw.resolved.map(|r| r.value).as_deref(),
        Some("2026-03-02T09:15:00+00:00")
    );
    assert_eq!(
        raw.updates
            .and_then(|u| u.last().map(|u| u.status.value.clone()))
            .as_deref(),
        Some("resolved")
    );

    // A clone of the remote checks clean, and nothing any input said was run.
    git(tmp.path(), &["clone", "--quiet", "remote.git", "check"]);
    let (code, out, err) = run_in(&tmp.join("check"), ["check", "."], DEFAULT_TIMEOUT);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.trim_end().ends_with(", 0 problems"), "{out}{err}");
    assert_eq!(pwned(tmp.path()), Vec::<PathBuf>::new());
}

#[test]
fn the_form_refuses_what_is_not_a_slug_and_pushes_nothing() {
    let tmp = TempDir::new("dispatch-refuse");
    let (site, remote) = repository(&tmp);
    let before = git(&remote, &["rev-parse", "main"]);
    for incident in [
        "x; touch pwned-slug",
        "$(touch pwned-sub)",
        "../status",
        "`touch pwned-tick`",
        "-h",
    ] {
        let form = Form {
            incident,
            title: "",
            services: "api=degraded",
            status: "identified",
            message: "x",
            resolve: false,
        };
        let (ok, log) = submit(&tmp, &site, &form, 1_772_440_200);
        assert!(!ok, "{incident:?} was taken:\n{log}");
        assert!(log.contains("::error::"), "{log}");
    }
    // An unknown service stops the run before anything is committed.
    let form = Form {
        incident: "new",
        title: "Outage",
        services: "apii=degraded",
        status: "unchanged",
        message: "",
        resolve: false,
    };
    let (ok, log) = submit(&tmp, &site, &form, 1_772_440_200);
    assert!(!ok);
    assert_contains(&log, &["unknown service 'apii' — did you mean 'api'?"]);
    // Also on the run's page, where the phone app shows it.
    assert_contains(
        &read(tmp.join("summary.md")),
        &["unknown service 'apii' — did you mean 'api'?"],
    );
    assert_eq!(git(&remote, &["rev-parse", "main"]), before);
    assert_eq!(git(&site, &["status", "--porcelain"]), "");
    assert_eq!(pwned(tmp.path()), Vec::<PathBuf>::new());
}

/// Every `run:` of a workflow or action: `(where, script)`.
fn runs(text: &str, file: &str) -> Vec<(String, String)> {
    let root = parse_tree(text, file).expect("parses");
    let mut out = Vec::new();
    for node in root.descendants() {
        if let Some((_, run)) = node.entry("run")
            && let Some(script) = run.scalar()
        {
            out.push((format!("{file}:{}", run.pos.line), script.to_string()));
        }
    }
    out
}

#[test]
fn workflows_and_the_action_keep_inputs_out_of_scripts() {
    let tmp = TempDir::new("workflow-scripts");
    let (code, _, err) = run_in(
        tmp.path(),
        ["init", "site", "--github-pages", "-q"],
        DEFAULT_TIMEOUT,
    );
    assert_eq!(code, 0, "{err}");
    let root = repo_root();
    let mut files: Vec<(String, String)> = ["status.yml", "status-update.yml"]
        .iter()
        .map(|name| {
            let path = tmp.join("site/.github/workflows").join(name);
            (
                name.to_string(),
                std::fs::read_to_string(path).expect("written"),
            )
        })
        .collect();
    for name in ["action.yml", ".github/workflows/release.yml"] {
        files.push((
            name.to_string(),
            std::fs::read_to_string(root.join(name)).expect("in the repository"),
        ));
    }
    let mut scripts = 0;
    for (name, text) in &files {
        for (place, script) in runs(text, name) {
            assert!(
                !script.contains("${{"),
                "{place}: an expression inside a script:\n{script}"
            );
            let check = Command::new("bash")
                .args(["-n", "-c", &script])
                .output()
                .expect("bash");
            assert!(
                check.status.success(),
                "{place}: {}",
                String::from_utf8_lossy(&check.stderr)
            );
            scripts += 1;
        }
    }
    assert!(scripts >= 8, "only {scripts} scripts found");

    // The form may write to the repository and nothing else.
    let form = parse_tree(&files[1].1, "status-update.yml").expect("parses");
    let permissions = at(&form, &["permissions"]);
    let NodeValue::Map(pairs) = &permissions.value else {
        panic!("{permissions:?}")
    };
    let granted: Vec<(Option<&str>, Option<&str>)> = pairs
        .iter()
        .map(|(k, v)| (k.scalar(), v.scalar()))
        .collect();
    assert_eq!(granted, [(Some("contents"), Some("write"))]);

    // What the workflows give the action, the action takes.
    let action = parse_tree(&files[2].1, "action.yml").expect("parses");
    let NodeValue::Map(inputs) = &at(&action, &["inputs"]).value else {
        panic!()
    };
    let known: Vec<&str> = inputs.iter().filter_map(|(k, _)| k.scalar()).collect();
    for (name, text) in &files[..2] {
        let root = parse_tree(text, name).expect("parses");
        for node in root.descendants() {
            let uses = node.entry("uses").and_then(|(_, v)| v.scalar());
            if !uses.is_some_and(|u| u.starts_with("statusgen/statusgen@v")) {
                continue;
            }
            let NodeValue::Map(with) = &at(node, &["with"]).value else {
                panic!()
            };
            for (key, _) in with {
                let key = key.scalar().unwrap_or_default();
                assert!(
                    known.contains(&key),
                    "{name}: the action has no input `{key}`"
                );
            }
        }
    }
}
