//! π(n) on several threads, for callers who ask: runs of segments go to a
//! rayon pool made for the call, while the calling thread waits and asks its caller, now
//! and then, whether to go on (a Python binding checks Ctrl-C there).

use crate::limit::Error;
use crate::limit::try_vec;
use crate::wheel::{Sieve, Worker};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// The most threads a caller may ask for. A thread is about 8 MiB of reserved stack and
/// one segment of cache; past the machine's cores more threads only wait for each other.
pub const MAX_THREADS: usize = 1024;

/// How often the waiting thread asks `keep_going`: often enough that Ctrl-C feels
/// immediate, rarely enough to cost nothing.
const POLL: Duration = Duration::from_millis(20);

/// Checks a requested thread count against `0..=MAX_THREADS` (0 means every core).
///
/// ```
/// assert_eq!(kernels::check_threads(2), Ok(2));
/// assert!(kernels::check_threads(-1).is_err());
/// ```
///
/// # Errors
/// [`Error::ThreadsOutOfRange`] when `threads < 0` or `threads > MAX_THREADS`.
pub fn check_threads(threads: i128) -> Result<usize, Error> {
    usize::try_from(threads)
        .ok()
        .filter(|&t| t <= MAX_THREADS)
        .ok_or(Error::ThreadsOutOfRange(threads))
}

/// π(n) on up to `threads` threads (0: one per core), and never more threads than the
/// machine has cores or the count has segments. The workers touch nothing but the
/// sieve; the calling thread only waits, calling `keep_going` every 20 ms or so, and stops
/// the workers when it returns `false`: then the result is `Ok(None)`.
///
/// With one thread (asked for, or all that a one-core machine or a one-segment `n` allows)
/// the count runs on the calling thread alone, and `keep_going` is not called.
///
/// ```
/// assert_eq!(kernels::count_primes_threads(1_000_000, 2, || true), Ok(Some(78_498)));
/// ```
///
/// # Errors
/// [`Error::OutOfMemory`] when the sieve's tables cannot be allocated.
pub fn count_primes_threads(
    n: u32,
    threads: usize,
    keep_going: impl FnMut() -> bool,
) -> Result<Option<usize>, Error> {
    if n < 2 {
        return Ok(Some(0));
    }
    let sieve = Sieve::new(n)?;
    let cores = std::thread::available_parallelism().map_or(1, |cores| cores.get());
    // More threads than cores only take turns, each with a segment of memory.
    let threads = match threads {
        0 => cores,
        t => t.min(cores),
    };
    count_on(&sieve, threads, keep_going)
}

/// Stack for a worker: the sieve's recursion-free loops need little, and a small stack
/// leaves more room where the address space is short.
const STACK_BYTES: usize = 256 << 10;

/// Room asked for, besides its stack and buffers, per worker: the thread's own bookkeeping
/// (thread-local data, rayon's queues), which Rust and glibc allocate without a way to
/// report failure.
const HEADROOM_BYTES: usize = 1 << 20;

// ANCHOR: threads
/// π(n) on `threads` threads (no more than `sieve` has segments).
fn count_on(
    sieve: &Sieve,
    threads: usize,
    mut keep_going: impl FnMut() -> bool,
) -> Result<Option<usize>, Error> {
    let segments = sieve.segments();
    let threads = threads.min(usize::try_from(segments).unwrap_or(usize::MAX));
    let on_this_thread = || Ok(Some(sieve.count(0..segments)? + sieve.wheel_primes()));
    // Where memory is short, starting threads could abort the process: their bookkeeping
    // is allocated infallibly. Ask for all they need first, and give it back at once; when
    // the answer is no, count on this thread, whose every allocation can fail politely.
    let room = threads.saturating_mul(STACK_BYTES + HEADROOM_BYTES + sieve.worker_bytes());
    if threads < 2 || try_vec::<u8>(room).is_err() {
        return on_this_thread();
    }
    // A pool that cannot start (no threads left to the process) still leaves this one.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(STACK_BYTES)
        .build();
    let Ok(pool) = pool else {
        return on_this_thread();
    };
    let run = segments.div_ceil(4 * threads as u64);
    let next_segment = AtomicU64::new(0);
    let counted = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failed = std::sync::Mutex::new(None);
    let (done, finished) = std::sync::mpsc::channel::<()>();
    pool.in_place_scope(|scope| {
        for _ in 0..threads {
            let done = done.clone();
            let (next_segment, counted, stop, failed) = (&next_segment, &counted, &stop, &failed);
            scope.spawn(move |_| {
                let mut worker = match Worker::new(sieve) {
                    Ok(worker) => worker,
                    Err(error) => {
                        *failed.lock().unwrap_or_else(|e| e.into_inner()) = Some(error);
                        stop.store(true, Ordering::Relaxed);
                        return;
                    }
                };
                // Each worker takes the next run of segments until none is left: fast ones
                // take more. A run places the sieving primes once (a division each), so
                // runs are long, but a few per thread, so that the work still balances.
                while !stop.load(Ordering::Relaxed) {
                    let first = next_segment.fetch_add(run, Ordering::Relaxed);
                    if first >= segments {
                        break;
                    }
                    let segments = first..(first + run).min(segments);
                    let go_on = || !stop.load(Ordering::Relaxed);
                    counted.fetch_add(
                        worker.count_while(sieve, segments, go_on),
                        Ordering::Relaxed,
                    );
                }
                drop(done); // the channel disconnects when every worker has dropped its end
            });
        }
        drop(done);
        // A `keep_going` that panics stops the workers on its way out.
        let _stop_if_unwinding = StopIfUnwinding(&stop);
        // ANCHOR: wait
        while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(POLL) {
            if !keep_going() {
                stop.store(true, Ordering::Relaxed);
            }
        }
        // ANCHOR_END: wait
    });
    if let Some(error) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(error);
    }
    Ok((!stop.into_inner()).then(|| counted.into_inner() + sieve.wheel_primes()))
}

// ANCHOR_END: threads

/// Sets the flag when dropped during a panic.
struct StopIfUnwinding<'a>(&'a AtomicBool);

impl Drop for StopIfUnwinding<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_thread_count_agrees() {
        for threads in [0, 1, 2, 3, 7, MAX_THREADS] {
            assert_eq!(
                count_primes_threads(10_000_000, threads, || true),
                Ok(Some(664_579)),
                "{threads} threads"
            );
        }
    }

    /// The workers' path, whatever this machine's cores: small segments, so that there are
    /// many, on three threads, against the readable sieve.
    #[test]
    fn three_workers_on_small_segments_agree() {
        use crate::steps::Layout;
        for (n, chunk, segment) in [
            (3_000_000, 1024, 4096),
            (10_000_000, 4096, 8192),
            (999_983, 64, 64),
        ] {
            let layout = Layout {
                chunk,
                segment,
                small_turns: 4,
            };
            let sieve = Sieve::with_layout(n, layout).unwrap();
            assert!(sieve.segments() > 10, "{n}: the work must be split");
            let expected = crate::readable::count_primes(n).unwrap();
            assert_eq!(count_on(&sieve, 3, || true), Ok(Some(expected)), "n = {n}");
        }
    }

    /// A wrong parallel count that the test above must catch: workers that place the
    /// sieving primes as if every segment were the first.
    #[test]
    fn workers_placed_wrong_are_caught() {
        use crate::steps::Layout;
        let layout = Layout {
            chunk: 1024,
            segment: 4096,
            small_turns: 4,
        };
        let sieve = Sieve::with_layout(3_000_000, layout).unwrap();
        let mut wrong = Worker::new(&sieve).unwrap();
        let counted: usize = (0..sieve.segments())
            .map(|index| wrong.count_placed_at(&sieve, 0, index))
            .sum();
        assert_ne!(
            counted + sieve.wheel_primes(),
            crate::readable::count_primes(3_000_000).unwrap()
        );
    }

    #[test]
    fn a_keep_going_that_panics_leaves_the_process_in_order() {
        let sieve = Sieve::with_layout(crate::MAX_N, crate::steps::Layout::of_this_machine());
        let sieve = sieve.unwrap();
        let outcome = std::panic::catch_unwind(|| count_on(&sieve, 2, || panic!("stop")));
        assert!(outcome.is_err(), "the panic comes out");
        assert_eq!(
            count_primes_threads(1_000_000, 2, || true),
            Ok(Some(78_498))
        );
    }

    #[test]
    fn a_caller_that_says_stop_gets_none() {
        let mut asked = 0;
        // Two workers whatever the machine's cores, on a count long enough to be asked.
        let sieve = Sieve::with_layout(crate::MAX_N, crate::steps::Layout::of_this_machine());
        let answer = count_on(&sieve.unwrap(), 2, || {
            asked += 1;
            false
        });
        assert_eq!(answer, Ok(None));
        assert!(asked >= 1);
    }

    #[test]
    fn thread_counts_out_of_range() {
        assert_eq!(check_threads(0), Ok(0));
        assert_eq!(check_threads(1024), Ok(1024));
        assert_eq!(check_threads(1025), Err(Error::ThreadsOutOfRange(1025)));
        assert_eq!(check_threads(-1), Err(Error::ThreadsOutOfRange(-1)));
    }
}
