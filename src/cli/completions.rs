//! `statusgen completions`: shell completion scripts. The only module that touches
//! clap_complete.

use std::io::Write as _;

use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs, Shell};
use super::{Failure, Outcome};

impl From<Shell> for clap_complete::Shell {
    fn from(shell: Shell) -> Self {
        match shell {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Elvish => clap_complete::Shell::Elvish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

pub(super) fn run(args: &CompletionsArgs) -> Outcome {
    let script = script(args.shell);
    // Generated into memory, then written here: a reader that stops early (`| head`) ends
    // the output quietly instead of panicking inside clap_complete.
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&script).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Failed(format!("cannot write the script: {e}")))
        }
        _ => Ok(()),
    }
}

fn script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(
        clap_complete::Shell::from(shell),
        &mut command,
        "statusgen",
        &mut out,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_shell_gets_a_script_naming_every_command() {
        for shell in Shell::value_variants() {
            let text = String::from_utf8(script(*shell)).unwrap();
            for command in ["build", "check", "new", "init", "completions"] {
                assert!(text.contains(command), "{shell:?} lacks {command}");
            }
        }
    }
}
