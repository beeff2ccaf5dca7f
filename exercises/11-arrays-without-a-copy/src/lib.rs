//! Exercise 11: numpy arrays into Rust and out of it, without a copy.

use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

mod counting;

/// How many i have a[i] == a[i + 1], for a one-dimensional array of uint32.
#[pyfunction]
fn count_equal(a: PyReadonlyArray1<'_, u32>) -> PyResult<usize> {
    let values = a.as_array().to_vec();
    Ok(values.windows(2).filter(|pair| pair[0] == pair[1]).count())
}

/// The primes p <= n, ascending, as a numpy array of uint32.
#[pyfunction]
fn primes_array(py: Python<'_>, n: u32) -> Bound<'_, PyArray1<u32>> {
    let primes = primes(n);
    PyArray1::from_slice(py, &primes)
}

/// The primes p <= n, by the sieve of Eratosthenes: small and readable, not fast.
fn primes(n: u32) -> Vec<u32> {
    let n = n as usize;
    let mut composite = vec![false; n + 1];
    let mut primes = Vec::new();
    for i in 2..=n {
        if !composite[i] {
            primes.push(i as u32);
            for multiple in (i * i..=n).step_by(i) {
                composite[multiple] = true;
            }
        }
    }
    primes
}

/// Exercise 11.
#[pymodule]
fn ex11(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(count_equal, m)?)?;
    m.add_function(wrap_pyfunction!(primes_array, m)?)?;
    // What the check reads: how much Rust allocates (src/counting.rs).
    counting::add_to(m)
}
