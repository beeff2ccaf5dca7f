//! Exercise 09, a reference solution.

use pyo3::prelude::*;

/// The total number of Collatz steps of 1, 2, …, limit: pure arithmetic, no Python objects.
#[pyfunction]
fn collatz_steps(py: Python<'_>, limit: u64) -> u64 {
    py.detach(|| (1..=limit).map(steps).sum())
}

fn steps(mut n: u64) -> u64 {
    let mut count = 0;
    while n > 1 {
        n = if n.is_multiple_of(2) { n / 2 } else { 3 * n + 1 };
        count += 1;
    }
    count
}

/// Exercise 09.
#[pymodule]
fn ex09(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(collatz_steps, m)?)
}
