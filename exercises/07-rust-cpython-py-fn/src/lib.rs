//! Exercise 07: a rust-cpython module with one function.

use cpython::{PyResult, Python, py_module_initializer};

py_module_initializer!(ex07, |py, m| {
    m.add(py, "__doc__", "Exercise 07.")?;
    // Add sum_of_squares here with py_fn!.
    Ok(())
});

/// 1² + 2² + … + n².
#[allow(dead_code)] // until it is added to the module
fn sum_of_squares(_py: Python, n: u64) -> PyResult<u64> {
    Ok((1..=n).map(|i| i * i).sum())
}
