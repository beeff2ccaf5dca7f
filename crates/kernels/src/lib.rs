//! The algorithms, once: every binding crate in this workspace is a thin layer over this one.
//!
//! - [`count_primes`] and [`primes`]: a Sieve of Eratosthenes over `0..=n`.
//! - [`count_doubles`]: adjacent equal characters in a string, by code point.
//! - [`count_equal_items`]: adjacent equal integers in an array Python lends, checked by
//!   [`check_items`].
//!
//! [`readable`] holds the textbook sieve the book starts from; the functions at the crate
//! root, built on the wheel sieve (`wheel.rs`, a byte per 30 numbers), are the ones the
//! bindings call; [`steps`] holds the road from one to the other. No `unsafe`, no FFI,
//! no Python here.
#![forbid(unsafe_code)]

mod cache;
mod doubles;
mod items;
mod limit;
mod presieve;
pub mod readable;
pub(crate) mod segmented;
pub mod steps;
mod threads;
mod wheel;

pub use doubles::{count_char_doubles, count_doubles, count_equal_neighbours};
pub use items::{ItemsError, check_items, count_equal_items};
pub use limit::{
    Error, MAX_N, SHOWN_BITS, check_n, out_of_range_message, out_of_range_wide,
    threads_out_of_range_message,
};
pub use threads::{MAX_THREADS, check_threads, count_primes_threads};

/// The number of primes `p` with `2 <= p <= n`, π(n), without building the list, in
/// little memory (one segment, a quarter of the L2 cache, at a time, and the primes up to
/// √n), on the calling thread; [`count_primes_threads`] shares the work among threads.
///
/// ```
/// assert_eq!(kernels::count_primes(100), Ok(25));
/// ```
///
/// # Errors
/// [`Error::OutOfMemory`] when even that little cannot be allocated: inside a Python
/// interpreter, an abort would take the user's session with it.
pub fn count_primes(n: u32) -> Result<usize, Error> {
    wheel::count_primes(n)
}

/// The primes `p` with `2 <= p <= n`, ascending.
///
/// ```
/// assert_eq!(kernels::primes(10), Ok(vec![2, 3, 5, 7]));
/// ```
///
/// # Errors
/// [`Error::OutOfMemory`] when the list cannot be allocated.
pub fn primes(n: u32) -> Result<Vec<u32>, Error> {
    wheel::primes(n)
}

/// What the kernels' tests compare against: the contract's reference values.
#[cfg(test)]
mod reference {
    /// π(n) for the contract's reference n.
    pub const PI: [(u32, usize); 8] = [
        (0, 0),
        (1, 0),
        (2, 1),
        (3, 2),
        (10, 4),
        (100, 25),
        (1_000_000, 78_498),
        (10_000_000, 664_579),
    ];

    /// Holds a π(n) function to [`PI`].
    pub fn check(count_primes: fn(u32) -> Result<usize, crate::Error>) {
        for (n, pi) in PI {
            assert_eq!(count_primes(n), Ok(pi), "pi({n})");
        }
    }
}
