//! Exercise 12: count on several threads, and let Ctrl-C stop the count.

use pyo3::prelude::*;
use rayon::prelude::*;

mod chunks;
use chunks::{chunks, count_chunk, pool};

/// The number of primes p <= n, counted on `threads` threads; Ctrl-C stops it.
#[pyfunction]
fn count_primes(n: u32, threads: usize) -> PyResult<usize> {
    let pool = pool(threads)?;
    // ANCHOR: first_attempt
    pool.install(|| {
        chunks(n)
            .into_par_iter()
            .map(|chunk| {
                // A long count should stop on Ctrl-C: each worker checks between two chunks.
                Python::attach(|py| py.check_signals())?;
                Ok(count_chunk(n, chunk))
            })
            .sum()
    })
    // ANCHOR_END: first_attempt
}

/// Exercise 12.
#[pymodule]
fn ex12(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(count_primes, m)?)?;
    // What the check reads: how many chunks were counted, on how many threads (src/chunks.rs).
    chunks::add_to(m)
}
