//! The algorithms, once: every binding crate in this workspace is a thin layer over this one.
//!
//! - [`count_primes`] and [`primes`]: a Sieve of Eratosthenes over `0..=n`.
//! - [`count_doubles`]: adjacent equal characters in a string, by code point.
//!
//! [`readable`] holds the textbook sieve the book starts from; the functions at the crate
//! root are the ones the bindings call. No `unsafe`, no FFI, no Python here.
#![forbid(unsafe_code)]

mod doubles;
mod limit;
pub mod readable;

pub use doubles::count_doubles;
pub use limit::{Error, MAX_N, check_n, out_of_range_message};

/// The number of primes `p` with `2 <= p <= n`, π(n), without building the list.
///
/// ```
/// assert_eq!(kernels::count_primes(100), Ok(25));
/// ```
///
/// # Errors
/// [`Error::OutOfMemory`] when the sieve's table cannot be allocated.
pub fn count_primes(n: u32) -> Result<usize, Error> {
    readable::count_primes(n)
}

/// The primes `p` with `2 <= p <= n`, ascending.
///
/// ```
/// assert_eq!(kernels::primes(10), Ok(vec![2, 3, 5, 7]));
/// ```
///
/// # Errors
/// [`Error::OutOfMemory`] when the sieve or the list cannot be allocated.
pub fn primes(n: u32) -> Result<Vec<u32>, Error> {
    readable::primes(n)
}
