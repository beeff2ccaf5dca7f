//! Style 4: a Python extension module written with PyO3 and built by maturin.
//!
//! `#[pymodule]` makes the module and its `PyInit_primes_pyo3`; each `#[pyfunction]` turns a
//! Rust function into a Python one, with its `///` comment as the docstring. `py.detach`
//! releases the GIL while a kernel runs. The wheel uses the stable ABI (abi3), so one build
//! serves CPython 3.9 and every later version.

// ANCHOR: module
/// The sieve and count_doubles kernels in Rust, through PyO3.
#[pyo3::pymodule]
mod primes_pyo3 {
    use pyo3::exceptions::{PyMemoryError, PyOverflowError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::types::PyString;

    /// The largest n the sieve accepts: 2**32 - 1.
    #[pymodule_export]
    const MAX_N: u32 = kernels::MAX_N;

    // ANCHOR: functions
    /// The number of primes p with 2 <= p <= n.
    ///
    /// Raises ValueError when n is outside 0..=MAX_N and TypeError when it is not an int.
    #[pyfunction]
    fn count_primes(py: Python<'_>, n: &Bound<'_, PyAny>) -> PyResult<usize> {
        let n = to_n(n)?;
        // The kernel touches no Python object: other threads may run Python meanwhile.
        py.detach(|| kernels::count_primes(n)).map_err(to_py_err)
    }

    /// The primes p with 2 <= p <= n, ascending, as a list of int.
    ///
    /// Raises ValueError when n is outside 0..=MAX_N, TypeError when it is not an int, and
    /// MemoryError when the list does not fit in memory.
    #[pyfunction]
    fn primes(py: Python<'_>, n: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
        let n = to_n(n)?;
        py.detach(|| kernels::primes(n)).map_err(to_py_err)
    }

    /// The number of indices i with s[i] == s[i + 1], comparing code points.
    ///
    /// Raises TypeError when s is not a str, and UnicodeEncodeError when it holds a lone
    /// surrogate (which has no UTF-8 form).
    #[pyfunction]
    fn count_doubles(py: Python<'_>, s: &Bound<'_, PyString>) -> PyResult<usize> {
        // Borrows the UTF-8 that CPython keeps in the str where the ABI allows it (an ASCII
        // str is stored as UTF-8 already); the abi3-py39 build must copy it. Chapter 6.
        let text = s.to_cow()?;
        Ok(py.detach(|| kernels::count_doubles(&text)))
    }
    // ANCHOR_END: functions

    // ANCHOR: conversions
    /// A Python int in `0..=MAX_N`, or the contract's exception.
    fn to_n(n: &Bound<'_, PyAny>) -> PyResult<u32> {
        // Like Python itself, accept what has __index__ (int, bool); float and str: TypeError.
        match n.extract::<i64>() {
            Ok(value) => kernels::check_n(value.into()).map_err(to_py_err),
            // Wider than 64 bits: certainly out of range. Say so with the number itself.
            Err(error) if error.is_instance_of::<PyOverflowError>(n.py()) => Err(
                PyValueError::new_err(kernels::out_of_range_message(&n.str()?)),
            ),
            Err(error) => Err(error),
        }
    }

    fn to_py_err(error: kernels::Error) -> PyErr {
        match error {
            kernels::Error::OutOfRange(_) => PyValueError::new_err(error.to_string()),
            kernels::Error::OutOfMemory(_) => PyMemoryError::new_err(error.to_string()),
        }
    }
    // ANCHOR_END: conversions
}
// ANCHOR_END: module
