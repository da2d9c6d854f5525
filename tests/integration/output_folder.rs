//! The output folder across builds: rebuilds over the kept previous generation, builds of one
//! output at once, builds killed half-way, a link as the output, and the output's `.git`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{
    DEFAULT_TIMEOUT, TempDir, basic_site, finish, read_tree, repo_root, statusgen,
};

const NOW: &str = "2024-03-12T12:00:00Z";

fn build_command(site: &Path, out: &Path, extra: &[&str]) -> std::process::Command {
    let mut command = statusgen(&repo_root());
    command
        .arg("build")
        .arg(site)
        .arg("-o")
        .arg(out)
        .args(["--now", NOW])
        .args(extra);
    command
}

fn build(site: &Path, out: &Path) -> String {
    let (code, stdout, stderr) = finish(build_command(site, out, &[]), None, DEFAULT_TIMEOUT);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn rebuilds_after_changes_equal_clean_builds() {
    let site = basic_site("output-rebuild-site");
    site.write(
        "incidents/slow.yaml",
        "title: Slow pages\nstarted: 2024-03-05T10:00:00Z\nresolved: 2024-03-05T11:00:00Z\nservices:\n  web:\n    - { at: 0, state: degraded }\n",
    );
    let out = TempDir::new("output-rebuild");
    let public = out.join("public");
    build(site.path(), &public);
    build(site.path(), &public);
    let steps: [&dyn Fn(); 3] = [
        &|| {
            site.write(
                "incidents/slow.yaml",
                "title: Very slow pages\nstarted: 2024-03-05T10:00:00Z\nresolved: 2024-03-05T12:00:00Z\nservices:\n  web:\n    - { at: 0, state: partial_outage }\n",
            );
        },
        &|| std::fs::remove_file(site.join("incidents/slow.yaml")).unwrap(),
        &|| {
            site.write("static/extra/notes.txt", "extra\n");
        },
    ];
    for (n, change) in steps.iter().enumerate() {
        change();
        let stdout = build(site.path(), &public);
        let clean = TempDir::new("output-rebuild-clean");
        build(site.path(), &clean.join("public"));
        assert!(
            read_tree(&public) == read_tree(&clean.join("public")),
            "after change {n}"
        );
        if n == 1 {
            assert!(!public.join("incidents/slow").exists(), "{stdout}");
        }
    }
    assert_eq!(names(out.path()), [".public.statusgen", "public"]);
}

#[test]
fn builds_of_one_output_at_once_all_succeed() {
    let site = basic_site("output-concurrent-site");
    let out = TempDir::new("output-concurrent");
    let public = out.join("public");
    let builds: Vec<_> = (0..6)
        .map(|_| {
            let command = build_command(site.path(), &public, &["-q"]);
            std::thread::spawn(move || finish(command, None, DEFAULT_TIMEOUT))
        })
        .collect();
    for build in builds {
        let (code, _, stderr) = build.join().unwrap();
        assert_eq!(code, 0, "{stderr}");
    }
    let clean = TempDir::new("output-concurrent-clean");
    build(site.path(), &clean.join("public"));
    assert!(read_tree(&public) == read_tree(&clean.join("public")));
}

/// Holds the lock of `public` as another build would, until `release` is called.
fn hold_lock(public: &Path) -> std::fs::File {
    let dir = public.with_file_name(".public.statusgen");
    std::fs::create_dir_all(&dir).unwrap();
    let lock = std::fs::File::create(dir.join("lock")).unwrap();
    lock.lock().unwrap();
    lock
}

#[test]
fn a_build_says_it_waits_for_another_one() {
    let site = basic_site("output-wait-site");
    let out = TempDir::new("output-wait");
    let public = out.join("public");
    let lock = hold_lock(&public);
    let mut child = build_command(site.path(), &public, &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let waiting = format!("waiting for another build of {}", public.display());
    let started = Instant::now();
    loop {
        let line = lines
            .next()
            .expect("the build ended without waiting")
            .unwrap();
        if line == waiting {
            break;
        }
        assert!(started.elapsed() < DEFAULT_TIMEOUT, "no {waiting:?}");
    }
    assert!(child.try_wait().unwrap().is_none(), "it waits");
    drop(lock);
    let rest: Vec<_> = lines.map(Result::unwrap).collect();
    assert!(child.wait().unwrap().success());
    assert!(rest.iter().any(|l| l.contains("Finished")), "{rest:?}");
    assert!(public.join("index.html").is_file());

    // Quiet: it waits without a word.
    let lock = hold_lock(&public);
    let command = build_command(site.path(), &public, &["-q"]);
    let quiet = std::thread::spawn(move || finish(command, None, DEFAULT_TIMEOUT));
    std::thread::sleep(Duration::from_millis(500));
    drop(lock);
    assert_eq!(quiet.join().unwrap(), (0, String::new(), String::new()));
}

#[test]
fn a_killed_build_leaves_nothing_the_next_one_keeps() {
    let out = TempDir::new("output-killed");
    let public = out.join("public");
    build(&repo_root(), &public);
    // The folder of an earlier version's build that was killed.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let leftover = out.join(format!(".public.statusgen-new-{}", gone.id()));
    gone.wait().unwrap();
    std::fs::create_dir_all(leftover.join("incidents")).unwrap();
    std::fs::write(leftover.join("incidents/index.html"), "half").unwrap();
    for delay in [50, 150, 400] {
        let mut child = build_command(&repo_root(), &public, &["-q"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        child.wait().unwrap();
        assert!(
            public.join("index.html").is_file(),
            "killed after {delay} ms"
        );
    }
    build(&repo_root(), &public);
    assert_eq!(names(out.path()), [".public.statusgen", "public"]);
    let clean = TempDir::new("output-killed-clean");
    build(&repo_root(), &clean.join("public"));
    assert!(read_tree(&public) == read_tree(&clean.join("public")));
}

#[cfg(unix)]
#[test]
fn a_link_as_the_output_leads_to_the_new_build() {
    let site = basic_site("output-link-site");
    let out = TempDir::new("output-link");
    std::fs::create_dir_all(out.join("www")).unwrap();
    let link = out.join("public");
    std::os::unix::fs::symlink(out.join("www/status"), &link).unwrap();
    build(site.path(), &link);
    site.write("static/new.txt", "new\n");
    build(site.path(), &link);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(
        std::fs::read_to_string(link.join("new.txt")).unwrap(),
        "new\n"
    );
    assert_eq!(names(out.path()), ["public", "www"]);
}

#[test]
fn a_git_worktree_as_the_output_keeps_its_git() {
    let site = basic_site("output-git-site");
    let out = TempDir::new("output-git");
    let public = out.join("public");
    out.write("public/.git", "gitdir: /repo/.git/worktrees/public\n");
    build(site.path(), &public);
    build(site.path(), &public);
    let tree = read_tree(&public);
    assert_eq!(tree[".git"], b"gitdir: /repo/.git/worktrees/public\n");
    assert!(tree.contains_key("index.html"));
}
