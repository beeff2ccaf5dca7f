//! Exercise 12, a reference solution.

use pyo3::prelude::*;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

mod chunks;
use chunks::{chunks, count_chunk, pool};

/// How often the calling thread checks Ctrl-C while the workers count: often enough to feel
/// immediate, rarely enough to cost nothing.
const POLL: Duration = Duration::from_millis(20);

/// The number of primes p <= n, counted on `threads` threads; Ctrl-C stops it.
#[pyfunction]
fn count_primes(py: Python<'_>, n: u32, threads: usize) -> PyResult<usize> {
    let pool = pool(threads)?;
    let stop = AtomicBool::new(false);
    // ANCHOR: detach
    py.detach(|| {
        std::thread::scope(|scope| {
            let counting = scope.spawn(|| pool.install(|| count_all(n, &stop)));
            // Only this thread takes the GIL back, for an instant now and then, to check Ctrl-C.
            while !counting.is_finished() {
                std::thread::sleep(POLL);
                if let Err(interrupted) = Python::attach(|py| py.check_signals()) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(interrupted);
                }
            }
            Ok(counting.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    })
    // ANCHOR_END: detach
}

// ANCHOR: workers
/// The workers' part: every chunk, counted in the pool, or skipped once `stop` is set. No
/// Python here: a worker that waits for the GIL may wait for ever.
fn count_all(n: u32, stop: &AtomicBool) -> usize {
    chunks(n)
        .into_par_iter()
        .map(|chunk| if stop.load(Ordering::Relaxed) { 0 } else { count_chunk(n, chunk) })
        .sum()
}
// ANCHOR_END: workers

/// Exercise 12.
#[pymodule]
fn ex12(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(count_primes, m)?)?;
    // What the check reads: how many chunks were counted, on how many threads (src/chunks.rs).
    chunks::add_to(m)
}
