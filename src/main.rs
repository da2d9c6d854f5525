use std::process::ExitCode;

fn main() -> ExitCode {
    statusgen::cli::main()
}
