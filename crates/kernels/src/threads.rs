//! π(n) on several threads, for callers who ask: segments go one at a time to a
//! rayon pool made for the call, while the calling thread waits and asks its caller, now
//! and then, whether to go on (a Python binding checks Ctrl-C there).

use crate::limit::Error;
use crate::wheel::Sieve;
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

// ANCHOR: threads
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
    mut keep_going: impl FnMut() -> bool,
) -> Result<Option<usize>, Error> {
    if n < 2 {
        return Ok(Some(0));
    }
    let sieve = Sieve::new(n)?;
    let segments = sieve.segments();
    let cores = std::thread::available_parallelism().map_or(1, |cores| cores.get());
    // More threads than cores only take turns, each with a segment of memory; more than
    // segments would have nothing to do.
    let threads = match threads {
        0 => cores,
        t => t.min(cores),
    }
    .min(usize::try_from(segments).unwrap_or(usize::MAX));
    // A pool that cannot start (no threads left to the process) still leaves this one.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let (Ok(pool), 2..) = (pool, threads) else {
        return Ok(Some(sieve.count(0..segments)? + sieve.wheel_primes()));
    };
    let next_segment = AtomicU64::new(0);
    let counted = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failed = std::sync::Mutex::new(None);
    let (done, finished) = std::sync::mpsc::channel::<()>();
    pool.in_place_scope(|scope| {
        for _ in 0..threads {
            let done = done.clone();
            let (sieve, next_segment, counted, stop, failed) =
                (&sieve, &next_segment, &counted, &stop, &failed);
            scope.spawn(move |_| {
                // Each worker takes the next segment until none is left: fast ones take
                // more. A segment is large enough (a quarter of the L2 cache) that placing
                // the sieving primes on it, one division each, costs little.
                while !stop.load(Ordering::Relaxed) {
                    let segment = next_segment.fetch_add(1, Ordering::Relaxed);
                    if segment >= segments {
                        break;
                    }
                    match sieve.count(segment..segment + 1) {
                        Ok(count) => counted.fetch_add(count, Ordering::Relaxed),
                        Err(error) => {
                            *failed.lock().unwrap_or_else(|e| e.into_inner()) = Some(error);
                            stop.store(true, Ordering::Relaxed);
                            break;
                        }
                    };
                }
                drop(done); // the channel disconnects when every worker has dropped its end
            });
        }
        drop(done);
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

    #[test]
    fn a_caller_that_says_stop_gets_none() {
        let mut asked = 0;
        let answer = count_primes_threads(crate::MAX_N, 2, || {
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
