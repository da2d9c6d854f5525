//! Running the binary on a case, and how a run ended.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A run taking longer than this hangs: the sites are small, a run takes well under a second.
const TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) struct Ran {
    /// The exit code; `None` when the process died by a signal or was killed as hung.
    pub code: Option<i32>,
    pub hung: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub(crate) fn passed(&self) -> bool {
        self.code == Some(0)
    }

    /// What is wrong with the way the run ended, whatever the input: a panic (exit 101 and
    /// its message), a signal, a hang, or an exit code outside 0, 1 and 2.
    pub(crate) fn ending_problem(&self) -> Option<String> {
        if self.hung {
            return Some(format!("did not finish within {TIMEOUT:?}"));
        }
        if self.stderr.contains("panicked at") {
            return Some(format!("panicked: {}", first_lines(&self.stderr)));
        }
        match self.code {
            None => Some("died by a signal".into()),
            Some(0..=2) => None,
            Some(code) => Some(format!("exit code {code}: {}", first_lines(&self.stderr))),
        }
    }
}

pub(crate) fn first_lines(text: &str) -> String {
    text.lines().take(8).collect::<Vec<_>>().join("\n    ")
}

/// `statusgen ARGS` in `dir`, with colour off and `SOURCE_DATE_EPOCH` unset.
pub(crate) fn statusgen(dir: &Path, args: &[&str]) -> Ran {
    let mut child = Command::new(env!("CARGO_BIN_EXE_statusgen"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the statusgen binary");
    let stdout = drain(child.stdout.take().expect("piped"));
    let stderr = drain(child.stderr.take().expect("piped"));
    let deadline = Instant::now() + TIMEOUT;
    let (status, hung) = loop {
        if let Some(status) = child.try_wait().expect("cannot wait for statusgen") {
            break (Some(status), false);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Ran {
        code: status.and_then(|s| s.code()),
        hung,
        stdout: stdout.join().expect("reader"),
        stderr: stderr.join().expect("reader"),
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// The number of incidents in `check`'s summary line (`3 services, 2 incidents, 0 problems`).
pub(crate) fn incidents_counted(stdout: &str) -> Option<usize> {
    let line = stdout.lines().find(|l| l.contains(" incident"))?;
    let (_, rest) = line.split_once(", ")?;
    rest.split_whitespace().next()?.parse().ok()
}

#[test]
fn the_summary_line_gives_the_incidents() {
    assert_eq!(
        incidents_counted("3 services, 2 incidents, 0 problems\n"),
        Some(2)
    );
    assert_eq!(
        incidents_counted("1 service, 1 incident, 1 warning"),
        Some(1)
    );
    assert_eq!(incidents_counted("error: x"), None);
}
