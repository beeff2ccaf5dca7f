//! Exercise 10, a reference solution.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The largest n accepted by both doors.
pub const LIMIT: u64 = 10_000_000;

/// The sum of the primes p <= n.
pub fn sum_primes(n: u32) -> u64 {
    let n = n as usize;
    let mut is_prime = vec![true; n + 1];
    let mut total = 0;
    for p in 2..=n {
        if is_prime[p] {
            total += p as u64;
            (p * p..=n).step_by(p).for_each(|multiple| is_prime[multiple] = false);
        }
    }
    total
}

/// The C door: writes sum_primes(n) through `out`; 0 on success, 1 when n > LIMIT or
/// `out` is NULL.
///
/// # Safety
/// `out` must be NULL or point to a writable u64.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ex10_sum_primes(n: u64, out: *mut u64) -> i32 {
    if n > LIMIT || out.is_null() {
        return 1;
    }
    // A panic must not unwind into C: catch it and report it as an error.
    match std::panic::catch_unwind(|| sum_primes(n as u32)) {
        Ok(total) => {
            // SAFETY: out is non-NULL and, per the contract, writable.
            unsafe { out.write(total) };
            0
        }
        Err(_) => 2,
    }
}

/// The PyO3 door: the sum of the primes p <= n, for 0 <= n <= 10**7.
#[pyfunction]
#[pyo3(name = "sum_primes")]
fn py_sum_primes(n: i64) -> PyResult<u64> {
    match u32::try_from(n) {
        Ok(n) if u64::from(n) <= LIMIT => Ok(sum_primes(n)),
        _ => Err(PyValueError::new_err(format!("n must be between 0 and {LIMIT}, got {n}"))),
    }
}

/// Exercise 10.
#[pymodule]
fn ex10(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(py_sum_primes, m)?)
}
