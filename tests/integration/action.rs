//! The statusgen action (`action.yml` at the repository root): its steps' scripts, as
//! written, run as a runner runs them. It finds its version and the runner's platform,
//! downloads the release binary (from a folder standing in for the releases) or builds
//! from its own source when there is none, puts statusgen on the PATH, then checks and
//! builds a site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{
    DEFAULT_TIMEOUT, TempDir, assert_contains, read, repo_root, run_in, run_step, step_script,
};

/// The `run:` of the action's step named `name`.
fn step(name: &str) -> String {
    let text = read(repo_root().join("action.yml"));
    step_script(&text, "action.yml", &["runs", "steps"], name).0
}

fn outputs(file: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn text(path: impl Into<PathBuf>) -> String {
    path.into().to_string_lossy().into_owned()
}

#[test]
fn the_action_knows_its_version_and_the_runners_platform() {
    let tmp = TempDir::new("action-target");
    let script = step("Find the version and the platform");
    let cases = [
        ("Linux", "X64", "x86_64-unknown-linux-gnu"),
        ("Linux", "ARM64", "aarch64-unknown-linux-gnu"),
        ("macOS", "ARM64", "aarch64-apple-darwin"),
        ("macOS", "X64", "x86_64-apple-darwin"),
        ("Windows", "X64", "x86_64-pc-windows-msvc"),
        ("Windows", "ARM64", "none"),
    ];
    for (os, arch, target) in cases {
        let out = tmp.join(format!("out-{os}-{arch}"));
        let env = [
            ("ACTION_PATH", text(repo_root())),
            ("OS", os.to_string()),
            ("ARCH", arch.to_string()),
            ("GITHUB_OUTPUT", text(&out)),
            ("RUNNER_TOOL_CACHE", text(tmp.join("tools"))),
        ];
        let (ok, log) = run_step(&tmp, tmp.path(), &script, &env);
        assert!(ok, "{log}");
        let version = env!("CARGO_PKG_VERSION");
        let expected: BTreeMap<String, String> = [
            ("version", version.to_string()),
            ("target", target.to_string()),
            (
                "dir",
                text(tmp.join(format!("tools/statusgen/{version}/{target}"))),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        assert_eq!(outputs(&out), expected, "{os} {arch}");
    }
}

/// A releases folder served as `GITHUB_SERVER_URL` holding this build as the release
/// archive of `target`.
fn releases(tmp: &TempDir, target: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let name = format!("statusgen-v{version}-{target}");
    let staging = tmp.join("staging").join(&name);
    std::fs::create_dir_all(&staging).expect("a folder");
    // A link keeps the archive small; extracting and copying it copies the binary.
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_statusgen"), staging.join("statusgen"))
        .expect("linked");
    let download = tmp.join(format!(
        "server/statusgen/statusgen/releases/download/v{version}"
    ));
    std::fs::create_dir_all(&download).expect("a folder");
    let archive = download.join(format!("{name}.tar.gz"));
    let status = Command::new("tar")
        .args([
            "-czf",
            &text(&archive),
            "-C",
            &text(tmp.join("staging")),
            &name,
        ])
        .status()
        .expect("tar runs");
    assert!(status.success());
    format!("file://{}", text(tmp.join("server")))
}

fn install_env(
    tmp: &TempDir,
    server: String,
    repository: &str,
    dir: &Path,
) -> Vec<(&'static str, String)> {
    vec![
        ("ACTION_PATH", text(repo_root())),
        ("REPOSITORY", repository.to_string()),
        ("VERSION", env!("CARGO_PKG_VERSION").to_string()),
        ("TARGET", "x86_64-unknown-linux-gnu".to_string()),
        ("DIR", text(dir)),
        ("GITHUB_SERVER_URL", server),
        ("RUNNER_TEMP", text(tmp.path())),
    ]
}

#[test]
fn the_action_installs_the_release_binary_then_checks_and_builds() {
    let tmp = TempDir::new("action-release");
    let server = releases(&tmp, "x86_64-unknown-linux-gnu");
    let dir = tmp.join("tools/statusgen");
    let env = install_env(&tmp, server, "statusgen/statusgen", &dir);
    let (ok, log) = run_step(&tmp, tmp.path(), &step("Install statusgen"), &env);
    assert!(ok, "{log}");
    assert_contains(&log, &["downloaded file://"]);
    let bin = dir.join("bin/statusgen");
    let version = Command::new(&bin)
        .arg("--version")
        .output()
        .expect("installed");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("statusgen {}", env!("CARGO_PKG_VERSION"))
    );

    let path_file = tmp.join("github-path");
    let env = [("DIR", text(&dir)), ("GITHUB_PATH", text(&path_file))];
    let (ok, log) = run_step(&tmp, tmp.path(), &step("Put statusgen on the PATH"), &env);
    assert!(ok, "{log}");
    assert_eq!(
        std::fs::read_to_string(&path_file).expect("written"),
        format!("{}\n", text(dir.join("bin")))
    );

    let (code, _, err) = run_in(tmp.path(), ["init", "site", "-q"], DEFAULT_TIMEOUT);
    assert_eq!(code, 0, "{err}");
    let path = format!(
        "{}:{}",
        text(dir.join("bin")),
        std::env::var("PATH").unwrap_or_default()
    );
    let env = [
        ("PATH", path),
        ("SITE", "site".to_string()),
        ("OUTPUT", "public".to_string()),
        ("BASE_URL", "https://example.github.io/status/".to_string()),
    ];
    let (ok, log) = run_step(&tmp, tmp.path(), &step("Check and build"), &env);
    assert!(ok, "{log}");
    let index = std::fs::read_to_string(tmp.join("public/index.html")).expect("built");
    assert_contains(&index, &["https://example.github.io/status/"]);
}

#[test]
fn without_a_release_the_action_builds_from_its_own_source() {
    let tmp = TempDir::new("action-source");
    // A `cargo` that records how it was called, in place of a build of several minutes.
    let fake = tmp.join("fake-bin");
    std::fs::create_dir_all(&fake).expect("a folder");
    let cargo = fake.join("cargo");
    std::fs::write(
        &cargo,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$HOME/cargo-args\"\nwhile [ \"$1\" != --root ]; do shift; done\nmkdir -p \"$2/bin\" && touch \"$2/bin/statusgen\"\n",
    )
    .expect("writable");
    let status = Command::new("chmod")
        .args(["+x", &text(&cargo)])
        .status()
        .expect("chmod");
    assert!(status.success());
    let path = format!(
        "{}:{}",
        text(&fake),
        std::env::var("PATH").unwrap_or_default()
    );
    for (repository, label) in [
        ("statusgen/statusgen", "no release"),
        ("", "a local action"),
    ] {
        let dir = tmp.join(format!("tools-{}", repository.is_empty()));
        let server = format!("file://{}", text(tmp.join("empty")));
        let mut env = install_env(&tmp, server, repository, &dir);
        env.push(("PATH", path.clone()));
        let (ok, log) = run_step(&tmp, tmp.path(), &step("Install statusgen"), &env);
        assert!(ok, "{label}: {log}");
        assert_contains(&log, &["building statusgen"]);
        let args = std::fs::read_to_string(tmp.join("cargo-args")).expect("cargo ran");
        let expected = format!(
            "install\n--locked\n--path\n{}\n--root\n{}\n",
            text(repo_root()),
            text(&dir)
        );
        assert_eq!(args, expected, "{label}");
        assert!(dir.join("bin/statusgen").exists());
    }
}
