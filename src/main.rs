use std::process::ExitCode;

// Rendering allocates many short strings on every core; mimalloc keeps that cheap.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    statusgen::main()
}
