//! Data parallelism, in one place (rayon), so the pipeline reads as plain maps.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

/// `items.iter().map(f)`, spread over every core; the output keeps the input's order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    items.par_iter().map(f).collect()
}

/// Work done and to do, shared between workers and whoever shows progress.
#[derive(Debug, Default)]
pub struct Counter {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

/// [`map`], counting finished items in `counter`.
pub fn map_counted<T: Sync, R: Send>(
    items: &[T],
    counter: &Counter,
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    counter.total.fetch_add(items.len(), Ordering::Relaxed);
    items
        .par_iter()
        .map(|item| {
            let out = f(item);
            counter.done.fetch_add(1, Ordering::Relaxed);
            out
        })
        .collect()
}
