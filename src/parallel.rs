//! Data parallelism, in one place (rayon), so the pipeline reads as plain maps.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

/// `items.iter().map(f)`, spread over every core; the output keeps the input's order.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    items.par_iter().with_max_len(1).map(f).collect()
}

/// Sorts `items` by `compare` on every core, stably.
pub(crate) fn sort_by<T: Send>(
    items: &mut [T],
    compare: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) {
    items.par_sort_by(compare);
}

/// Runs `a` and `b` at once, on two cores when there are.
pub(crate) fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    rayon::join(a, b)
}

/// Frees `items` on every core: a build's last step on the main thread is otherwise
/// freeing, one by one, what the workers allocated.
pub(crate) fn drop_all<T: Send>(items: Vec<T>) {
    items.into_par_iter().for_each(drop);
}

/// Work done and to do, shared between workers and whoever shows progress.
#[derive(Debug, Default)]
pub struct Counter {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

/// Runs `f` on every item, spread over every core, counting finished items; stops at the
/// first error.
pub(crate) fn try_for_each_counted<T: Sync, E: Send>(
    items: &[T],
    counter: &Counter,
    f: impl Fn(&T) -> Result<(), E> + Sync + Send,
) -> Result<(), E> {
    counter.total.fetch_add(items.len(), Ordering::Relaxed);
    items.par_iter().with_max_len(1).try_for_each(|item| {
        f(item)?;
        counter.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    })
}

/// The wall-clock time of one kind of step (writing files, say) done while other work runs
/// beside it: a step on one of the pool's N threads counts for 1/N of its duration, as the
/// other threads work meanwhile; a step outside the pool counts in full.
#[derive(Debug, Default)]
pub(crate) struct WallShare {
    nanos: AtomicU64,
}

impl WallShare {
    pub(crate) fn time<R>(&self, step: impl FnOnce() -> R) -> R {
        let started = Instant::now();
        let result = step();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let share = match rayon::current_thread_index() {
            Some(_) => nanos / rayon::current_num_threads().max(1) as u64,
            None => nanos,
        };
        self.nanos.fetch_add(share, Ordering::Relaxed);
        result
    }

    pub(crate) fn total(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_on_the_pool_share_the_clock() {
        let share = WallShare::default();
        let pause = Duration::from_millis(20);
        share.time(|| std::thread::sleep(pause));
        let alone = share.total();
        assert!(alone >= pause, "{alone:?}");
        let threads = rayon::current_num_threads() as u32;
        let items = vec![(); threads as usize];
        // What the steps really took, however long a busy machine makes a sleep last.
        let slept = std::sync::Mutex::new(Duration::ZERO);
        map(&items, |_| {
            share.time(|| {
                let started = Instant::now();
                std::thread::sleep(pause);
                *slept.lock().unwrap() += started.elapsed();
            })
        });
        let slept = slept.into_inner().unwrap();
        // Each thread's step counts for 1/N of its own duration.
        let added = share.total() - alone;
        assert!(added >= slept / threads, "{added:?} of {slept:?}");
        let margin = Duration::from_millis(10);
        assert!(added < slept / threads + margin, "{added:?} of {slept:?}");
    }
}
