//! Exercise 08, a reference solution.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The k-th prime: nth_prime(1) == 2. k must be between 1 and 10000.
#[pyfunction]
fn nth_prime(k: usize) -> PyResult<u32> {
    let primes = first_primes(10_000);
    if k == 0 || k > primes.len() {
        return Err(PyValueError::new_err(format!("k must be between 1 and 10000, got {k}")));
    }
    Ok(primes[k - 1])
}

fn first_primes(count: usize) -> Vec<u32> {
    let mut primes: Vec<u32> = Vec::with_capacity(count);
    let mut candidate = 2;
    while primes.len() < count {
        if primes.iter().take_while(|&&p| p * p <= candidate).all(|&p| candidate % p != 0) {
            primes.push(candidate);
        }
        candidate += 1;
    }
    primes
}

/// Exercise 08.
#[pymodule]
fn ex08(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(nth_prime, m)?)
}
