//! Helpers shared by the integration test modules: run the binary, find fixtures, make
//! scratch sites in temporary folders.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any single run of the binary may take before the test fails as a hang.
#[allow(dead_code)]
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The package root: the repository, which is itself a site.
#[allow(dead_code)]
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/fixtures`, e.g. `fixture("invalid/unknown-service")`.
#[allow(dead_code)]
pub(crate) fn fixture(path: impl AsRef<Path>) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(path)
}

/// Runs `statusgen ARGS` from the package root; returns (exit code, stdout, stderr).
#[allow(dead_code)]
pub(crate) fn run<I, S>(args: I) -> (i32, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_in(&repo_root(), args, DEFAULT_TIMEOUT)
}

/// Runs `statusgen ARGS` in `dir`, failing the test if it takes longer than `timeout`.
#[allow(dead_code)]
pub(crate) fn run_in<I, S>(dir: &Path, args: I, timeout: Duration) -> (i32, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = statusgen(dir);
    command.args(args);
    finish(command, None, timeout)
}

/// `statusgen ARGS` in `dir` with the default timeout: paths relative to `dir`.
#[allow(dead_code)]
pub(crate) fn run_at(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_in(dir, args, DEFAULT_TIMEOUT)
}

/// `statusgen`, to run in `dir`: the one place tests start the binary. `SOURCE_DATE_EPOCH`
/// is removed from the environment so runs do not depend on the caller's, and colour is off.
#[allow(dead_code)]
pub(crate) fn statusgen(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_statusgen"));
    command
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    command
}

/// Runs `command` to its end with `input` on stdin; returns (exit code, stdout, stderr).
/// Fails the test if it takes longer than `timeout` or dies by a signal.
#[allow(dead_code)]
pub(crate) fn finish(
    mut command: Command,
    input: Option<&str>,
    timeout: Duration,
) -> (i32, String, String) {
    if input.is_some() {
        command.stdin(Stdio::piped());
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the statusgen binary");
    let args: Vec<_> = command.get_args().map(OsStr::to_os_string).collect();
    // Write and drain on threads so that neither side blocks on a full pipe.
    let writer = input.map(|text| {
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let text = text.to_string();
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        })
    });
    let stdout = drain(child.stdout.take().expect("stdout is piped"));
    let stderr = drain(child.stderr.take().expect("stderr is piped"));
    let status = wait_or_kill(&mut child, timeout, &args);
    if let Some(writer) = writer {
        writer.join().expect("stdin writer panicked");
    }
    let stdout = stdout.join().expect("stdout reader panicked");
    let stderr = stderr.join().expect("stderr reader panicked");
    let code = status
        .code()
        .unwrap_or_else(|| panic!("statusgen {args:?} died by a signal: {status:?}"));
    (code, stdout, stderr)
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn wait_or_kill(
    child: &mut Child,
    timeout: Duration,
    args: &[std::ffi::OsString],
) -> std::process::ExitStatus {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().expect("cannot wait for statusgen") {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("statusgen {args:?} did not finish within {timeout:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A file's text; the test fails when it cannot be read.
#[allow(dead_code)]
pub(crate) fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `check` passes with neither errors nor warnings.
#[allow(dead_code)]
#[track_caller]
pub(crate) fn assert_checks_clean(site: &Path) {
    let (code, out, err) = run_at(site, &["check", "."]);
    assert_eq!(code, 0, "check failed:\n{err}");
    assert!(
        last_line(&out).ends_with(", 0 problems"),
        "check found something:\n{out}{err}"
    );
    assert!(err.is_empty(), "check printed:\n{err}");
}

/// The `run:` script and the names of the `env:` variables of the step named `name` in a
/// workflow or action (`file`, for messages), its steps being at the keys `steps`.
#[allow(dead_code)]
pub(crate) fn step_script(
    text: &str,
    file: &str,
    steps: &[&str],
    name: &str,
) -> (String, Vec<String>) {
    use statusgen::internals::{NodeValue, parse_tree};
    let root = parse_tree(text, file).unwrap_or_else(|d| panic!("{file} does not parse: {d:?}"));
    let list = steps.iter().fold(&root, |node, key| {
        node.entry(key)
            .unwrap_or_else(|| panic!("no `{key}` in {file}"))
            .1
    });
    let NodeValue::Seq(list) = &list.value else {
        panic!("{file}: the steps are not a list")
    };
    let step = list
        .iter()
        .find(|s| s.entry("name").and_then(|(_, v)| v.scalar()) == Some(name))
        .unwrap_or_else(|| panic!("{file}: no step {name:?}"));
    let run = step
        .entry("run")
        .and_then(|(_, v)| v.scalar())
        .unwrap_or_else(|| panic!("{file}: step {name:?} has no script"));
    let env = match step.entry("env").map(|(_, v)| &v.value) {
        Some(NodeValue::Map(pairs)) => pairs
            .iter()
            .filter_map(|(k, _)| k.scalar().map(String::from))
            .collect(),
        _ => vec![],
    };
    (run.to_string(), env)
}

/// Runs `script` as a runner runs a `shell: bash` step (`bash -e -o pipefail`), in `dir`,
/// with `env` and nothing else but `HOME` (the temp folder) and `PATH` (unless `env` sets
/// it); returns success and the output.
#[allow(dead_code)]
pub(crate) fn run_step(
    tmp: &TempDir,
    dir: &Path,
    script: &str,
    env: &[(&str, String)],
) -> (bool, String) {
    let file = tmp.join("step.sh");
    std::fs::write(&file, script).expect("cannot write the step's script");
    let mut command = Command::new("bash");
    command
        .args(["--noprofile", "--norc", "-e", "-o", "pipefail"])
        .arg(&file)
        .current_dir(dir)
        .env_clear()
        .env("HOME", tmp.path())
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("bash runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), log)
}

/// A fresh folder under the system temp dir, removed (with its contents) when dropped.
#[allow(dead_code)]
pub(crate) struct TempDir {
    path: PathBuf,
}

#[allow(dead_code)]
impl TempDir {
    /// `label` ends up in the folder name, to recognise leftovers of a crashed run.
    pub(crate) fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("statusgen-test-{label}-{}-{n}", std::process::id());
        let path = std::env::temp_dir().join(name);
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("cannot create a temp dir");
        TempDir { path }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.path.join(rel)
    }

    /// Writes `contents` to `rel` inside the folder, creating parent folders.
    pub(crate) fn write(&self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("cannot create a folder in the temp dir");
        }
        std::fs::write(&path, contents).expect("cannot write a file in the temp dir");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // remove_dir_all does not follow symlinks, so a link loop inside is harmless.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A catalog of three services (api, web, db) in Asia/Seoul.
#[allow(dead_code)]
pub(crate) const STATUS_YAML: &str = "\
title: Example Status
timezone: Asia/Seoul
services:
  - id: api
    name: API
  - id: web
    name: Website
  - id: db
    name: Database
";

/// A valid, resolved incident on api.
#[allow(dead_code)]
pub(crate) const OUTAGE_YAML: &str = "\
title: API outage
started: 2024-03-01T10:00:00+09:00
resolved: 2024-03-01T14:00:00+09:00
services:
  api:
    - { at: 0, state: major_outage }
    - { at: 2, state: operational }
";

/// A valid site in a temp dir: `status.yaml` and `incidents/outage.yaml`; add to it.
#[allow(dead_code)]
pub(crate) fn basic_site(label: &str) -> TempDir {
    let dir = TempDir::new(label);
    dir.write("status.yaml", STATUS_YAML);
    dir.write("incidents/outage.yaml", OUTAGE_YAML);
    dir
}

/// `(id, state)` of every service in the output of `status --json`, in order. A plain text
/// scan of the pretty-printed JSON (serde_json is not a dev-dependency).
#[allow(dead_code)]
pub(crate) fn states(json: &str) -> Vec<(String, String)> {
    let field = |line: &str, key: &str| {
        let rest = line.trim().strip_prefix(&format!("\"{key}\": \""))?;
        Some(rest.trim_end_matches(',').trim_end_matches('"').to_string())
    };
    let mut out = Vec::new();
    let mut id = None;
    for line in json.lines() {
        if let Some(value) = field(line, "id") {
            id = Some(value);
        } else if let Some(value) = field(line, "state") {
            let id = id
                .take()
                .unwrap_or_else(|| panic!("a state without an id in:\n{json}"));
            out.push((id, value));
        }
    }
    out
}

/// `states` with `&str`s, for comparing against literals.
#[allow(dead_code)]
pub(crate) fn expect_states(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(id, state)| (id.to_string(), state.to_string()))
        .collect()
}

/// Fails with the whole text when `text` lacks any of `needles`.
#[allow(dead_code)]
#[track_caller]
pub(crate) fn assert_contains(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
    }
}

/// The last non-empty line: the problem summary of `check` on stderr, or its summary on stdout.
#[allow(dead_code)]
pub(crate) fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// The headline of every diagnostic (`error: ...` / `warning: ...`), in order.
#[allow(dead_code)]
pub(crate) fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .collect()
}

/// Every `--> file:line:col` location, in order.
#[allow(dead_code)]
pub(crate) fn locations(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect()
}

#[allow(dead_code)]
/// Every file under `dir`, by relative path.
pub(crate) fn read_tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}
