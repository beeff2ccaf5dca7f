//! Exercise 10: sum_primes, one kernel with a C door and a PyO3 door.

use pyo3::prelude::*;

/// The largest n accepted by both doors.
pub const LIMIT: u64 = 10_000_000;

/// The sum of the primes p <= n.
pub fn sum_primes(n: u32) -> u64 {
    let _ = n;
    0 // your sieve here
}

/// The C door: writes sum_primes(n) through `out`; 0 on success, 1 when n > LIMIT or
/// `out` is NULL.
///
/// # Safety
/// `out` must be NULL or point to a writable u64.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ex10_sum_primes(n: u64, out: *mut u64) -> i32 {
    let _ = (n, out);
    -1 // your code here
}

/// The PyO3 door: the sum of the primes p <= n, for 0 <= n <= 10**7.
#[pyfunction]
#[pyo3(name = "sum_primes")]
fn py_sum_primes(n: i64) -> PyResult<u64> {
    let _ = n;
    Ok(0) // your code here
}

/// Exercise 10.
#[pymodule]
fn ex10(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(py_sum_primes, m)?)
}
