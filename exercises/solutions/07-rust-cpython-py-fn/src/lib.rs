//! Exercise 07, a reference solution.

use cpython::{PyErr, PyResult, Python, exc, py_fn, py_module_initializer};

py_module_initializer!(ex07, |py, m| {
    m.add(py, "__doc__", "Exercise 07.")?;
    m.add(py, "sum_of_squares", py_fn!(py, sum_of_squares(n: u64)))?;
    Ok(())
});

/// 1² + 2² + … + n².
fn sum_of_squares(py: Python, n: u64) -> PyResult<u64> {
    if n > 1_000_000 {
        return Err(PyErr::new::<exc::ValueError, _>(py, "n must be at most 1000000"));
    }
    Ok((1..=n).map(|i| i * i).sum())
}
