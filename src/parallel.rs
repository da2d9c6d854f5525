//! Data parallelism, in one place (rayon), so the pipeline reads as plain maps.

use rayon::prelude::*;

/// `items.iter().map(f)`, spread over every core; the output keeps the input's order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    items.par_iter().map(f).collect()
}
