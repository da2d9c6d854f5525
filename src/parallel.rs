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

/// Runs `f` on every item, spread over every core, counting finished items; stops at the
/// first error.
pub fn try_for_each_counted<T: Sync, E: Send>(
    items: &[T],
    counter: &Counter,
    f: impl Fn(&T) -> Result<(), E> + Sync + Send,
) -> Result<(), E> {
    counter.total.fetch_add(items.len(), Ordering::Relaxed);
    items.par_iter().try_for_each(|item| {
        f(item)?;
        counter.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    })
}

/// Runs `a` and `b` at once; returns both results.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    rayon::join(a, b)
}
