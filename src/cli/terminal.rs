//! What a command prints while it works: one line per phase with counts and time, like cargo
//! and Zola; colour only on a terminal; a progress bar when a phase runs for over a second.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::parallel::Counter;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Level {
    Quiet,
    Normal,
    Verbose,
}

pub(super) struct Terminal {
    level: Level,
    color: bool,
    progress_bar: bool,
}

impl Terminal {
    pub(super) fn new(quiet: bool, verbose: bool) -> Terminal {
        let level = match (quiet, verbose) {
            (true, _) => Level::Quiet,
            (false, true) => Level::Verbose,
            (false, false) => Level::Normal,
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Terminal {
            level,
            color: std::io::stdout().is_terminal() && !no_color,
            progress_bar: std::io::stderr().is_terminal() && level > Level::Quiet,
        }
    }

    /// `   Rendered 21 files (12 ms)`: the verb right-aligned, as cargo does.
    pub(super) fn phase(&self, verb: &str, what: &str, since: Instant) {
        self.phase_took(verb, what, since.elapsed());
    }

    /// [`Terminal::phase`] for a phase timed elsewhere.
    pub(super) fn phase_took(&self, verb: &str, what: &str, took: Duration) {
        if self.level < Level::Normal {
            return;
        }
        let ms = took.as_secs_f64() * 1000.0;
        let verb = format!("{verb:>12}");
        let verb = if self.color {
            format!("\x1b[1;32m{verb}\x1b[0m")
        } else {
            verb
        };
        println!("{verb} {what} ({})", format_ms(ms));
    }

    /// A command's closing line (`check`'s counts): not with `-q`, which prints only problems.
    pub(super) fn summary(&self, text: &str) {
        if self.level >= Level::Normal {
            println!("{text}");
        }
    }

    pub(super) fn detail(&self, text: &str) {
        if self.level == Level::Verbose {
            let line = format!("{:>12} {text}", "");
            println!(
                "{}",
                if self.color {
                    format!("\x1b[2m{line}\x1b[0m")
                } else {
                    line
                }
            );
        }
    }

    /// Starts a progress bar that appears only if the work is still running after a second.
    pub(super) fn progress(&self, label: &'static str) -> ProgressBar {
        let counter = Arc::new(Counter::default());
        let stop = Arc::new(AtomicBool::new(false));
        let handle = self.progress_bar.then(|| {
            let (counter, stop) = (Arc::clone(&counter), Arc::clone(&stop));
            std::thread::spawn(move || draw(label, &counter, &stop))
        });
        ProgressBar {
            counter,
            stop,
            handle,
        }
    }
}

fn format_ms(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

pub(super) struct ProgressBar {
    counter: Arc<Counter>,
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    pub(super) fn counter(&self) -> &Counter {
        &self.counter
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

fn draw(label: &str, counter: &Counter, stop: &AtomicBool) {
    let started = Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if started.elapsed() < Duration::from_secs(1) {
            continue;
        }
        let (done, total) = (
            counter.done.load(Ordering::Relaxed),
            counter.total.load(Ordering::Relaxed).max(1),
        );
        let width = 30;
        let filled = (done * width / total).min(width);
        eprint!(
            "\r{label:>12} [{}{}] {done}/{total}",
            "=".repeat(filled),
            " ".repeat(width - filled)
        );
        let _ = std::io::stderr().flush();
        drawn = true;
    }
    if drawn {
        eprint!("\r{}\r", " ".repeat(60));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_read_well() {
        assert_eq!(format_ms(12.4), "12 ms");
        assert_eq!(format_ms(1530.0), "1.53 s");
    }
}
