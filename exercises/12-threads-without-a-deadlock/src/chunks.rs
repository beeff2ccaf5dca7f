//! The counting, a chunk of numbers at a time, and what the check reads (do not edit): how
//! many chunks were counted and on how many threads. The check can also ask the count to
//! send the process a Ctrl-C itself, once it has counted a chunk: so the Ctrl-C arrives
//! while the count runs, however fast or slow the machine is.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};
use std::thread::ThreadId;

/// Numbers per chunk: a few milliseconds of trial division in a debug build.
const CHUNK: u32 = 10_000;

/// A pool of `threads` worker threads, for one call (0: one per core).
pub fn pool(threads: usize) -> PyResult<rayon::ThreadPool> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    pool.map_err(|error| PyRuntimeError::new_err(error.to_string()))
}

/// The chunks of 0..=n, by number: `count_chunk(n, c)` counts chunk `c`.
pub fn chunks(n: u32) -> Range<u32> {
    0..n / CHUNK + 1
}

/// The primes p <= n in chunk `chunk`, by trial division: small and readable, not fast.
pub fn count_chunk(n: u32, chunk: u32) -> usize {
    let start = chunk * CHUNK;
    let end = n.min(start.saturating_add(CHUNK - 1));
    let count = (start..=end).filter(|&k| is_prime(k)).count();
    counted();
    count
}

fn is_prime(k: u32) -> bool {
    let k = u64::from(k);
    k >= 2 && (2..).take_while(|d| d * d <= k).all(|d| k % d != 0)
}

/// What the check reads, since it last called `watch`.
struct Watch {
    chunks: usize,
    threads: Vec<ThreadId>,
    ctrl_c_after: Option<usize>,
}

static WATCH: Mutex<Watch> =
    Mutex::new(Watch { chunks: 0, threads: Vec::new(), ctrl_c_after: None });

fn counted() {
    let mut watch = WATCH.lock().unwrap_or_else(PoisonError::into_inner);
    watch.chunks += 1;
    let me = std::thread::current().id();
    if !watch.threads.contains(&me) {
        watch.threads.push(me);
    }
    if watch.ctrl_c_after == Some(watch.chunks) {
        // SAFETY: kill(2) only sends a signal. Python's handler, on whatever thread it lands,
        // only notes it: Python raises KeyboardInterrupt when its main thread checks.
        unsafe { libc::kill(libc::getpid(), libc::SIGINT) };
    }
}

/// Starts counting anew: no chunks, no threads yet. With `ctrl_c_after`, the count sends the
/// process a Ctrl-C (SIGINT) as soon as that many chunks are counted.
#[pyfunction]
#[pyo3(signature = (ctrl_c_after=None))]
fn watch(ctrl_c_after: Option<usize>) {
    let mut watch = WATCH.lock().unwrap_or_else(PoisonError::into_inner);
    *watch = Watch { chunks: 0, threads: Vec::new(), ctrl_c_after };
}

/// (the chunks counted, the number of threads that counted them) since `watch`.
#[pyfunction]
fn watched() -> (usize, usize) {
    let watch = WATCH.lock().unwrap_or_else(PoisonError::into_inner);
    (watch.chunks, watch.threads.len())
}

/// Adds `watch` and `watched` to the module.
pub fn add_to(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(watch, m)?)?;
    m.add_function(wrap_pyfunction!(watched, m)?)
}
