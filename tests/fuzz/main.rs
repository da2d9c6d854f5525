//! Mutation testing: copies of the example sites, changed at random in their text and their
//! files, go through `statusgen check` and `statusgen build`, and whatever the input:
//!
//! - neither panics, dies by a signal or hangs; each exits 0, 1 or 2;
//! - `check` passes exactly when `build` succeeds, with the same `--now`;
//! - a failed build leaves the previous output byte for byte, and nothing beside it;
//! - two builds of one input are byte-identical (one case in eight is built twice);
//! - a passing `check` counts every incident file, and a build publishes nothing from
//!   outside the site.
//!
//! Every case has its own seed and replays from it alone; a failing case is kept, with the
//! commands that show it, under `target/tmp/fuzz-failures/`. Environment:
//! `STATUSGEN_FUZZ_SEED` (the first case's seed, decimal or 0x hex), `STATUSGEN_FUZZ_CASES`
//! (a number of cases), `STATUSGEN_FUZZ_SECS` (a time budget, for the ignored long run),
//! `STATUSGEN_FUZZ_HELD_BACK=run` (also make the mutations of [`mutate::HELD_BACK`]).

mod case;
mod files;
mod mutate;
mod rng;
mod run;
mod text;

use std::time::{Duration, Instant};

use case::{Budget, Campaign};

/// The seed of a run when the environment gives none: runs are reproducible by default.
const DEFAULT_SEED: u64 = 0x5354_4154_5553_4745;

/// The short run of `cargo test`: enough cases to touch every mutation a few times.
#[test]
fn mutated_sites_keep_the_invariants() {
    let cases = env_number("STATUSGEN_FUZZ_CASES").unwrap_or(60);
    Campaign::new(seed(), Budget::Cases(cases)).run_and_assert();
}

/// The long run: `STATUSGEN_FUZZ_SECS=3600 cargo test --release --test fuzz -- --ignored
/// --nocapture`; 60 seconds by default, as CI runs it.
#[test]
#[ignore = "timed mutation run; CI and the README's long run start it with --ignored"]
fn mutate_for_a_while() {
    let budget = match env_number("STATUSGEN_FUZZ_CASES") {
        Some(cases) => Budget::Cases(cases),
        None => {
            let secs = env_number("STATUSGEN_FUZZ_SECS").unwrap_or(60);
            Budget::Until(Instant::now() + Duration::from_secs(secs))
        }
    };
    Campaign::new(seed(), budget).run_and_assert();
}

fn seed() -> u64 {
    match std::env::var("STATUSGEN_FUZZ_SEED") {
        Ok(text) => parse_number(&text)
            .unwrap_or_else(|| panic!("STATUSGEN_FUZZ_SEED={text:?} is not a number")),
        Err(_) => DEFAULT_SEED,
    }
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    Some(parse_number(&text).unwrap_or_else(|| panic!("{name}={text:?} is not a number")))
}

/// `42` or `0x2a`: seeds are printed in hex.
fn parse_number(text: &str) -> Option<u64> {
    let text = text.trim().replace('_', "");
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

#[test]
fn seeds_read_in_decimal_and_hex() {
    assert_eq!(parse_number("42"), Some(42));
    assert_eq!(parse_number("0x2a"), Some(42));
    assert_eq!(parse_number("0x5354_4154"), Some(0x5354_4154));
    assert_eq!(parse_number("forty"), None);
}
