//! Style 4: a Python extension module written with PyO3 and built by maturin.
//!
//! `#[pymodule]` makes the module and its `PyInit_primes_pyo3`; each `#[pyfunction]` turns a
//! Rust function into a Python one, with its `///` comment as the docstring. `py.detach`
//! releases the GIL while a kernel runs. The wheel uses the stable ABI (abi3), so one build
//! serves CPython 3.9 and every later version.

mod list;

// ANCHOR: detach_if
/// Below this size a kernel takes about as long as releasing and retaking the GIL does
/// (tens of nanoseconds): small calls keep it, so crossing stays as cheap as a Python call.
const DETACH_ABOVE: u32 = 10_000;

/// Runs `kernel` with the GIL released when `worth_it`, holding it otherwise.
fn detach_if<T: pyo3::marker::Ungil>(
    py: pyo3::Python<'_>,
    worth_it: bool,
    kernel: impl FnOnce() -> T + pyo3::marker::Ungil,
) -> T {
    if worth_it {
        py.detach(kernel)
    } else {
        kernel()
    }
}
// ANCHOR_END: detach_if

// ANCHOR: module
/// The sieve and count_doubles kernels in Rust, through PyO3.
#[pyo3::pymodule]
mod primes_pyo3 {
    use pyo3::exceptions::{PyMemoryError, PyOverflowError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::types::{PyList, PyString};

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
        Ok(crate::detach_if(py, n > crate::DETACH_ABOVE, || {
            kernels::count_primes(n)
        }))
    }

    /// The primes p with 2 <= p <= n, ascending, as a list of int.
    ///
    /// Raises ValueError when n is outside 0..=MAX_N, TypeError when it is not an int, and
    /// MemoryError when the list does not fit in memory.
    #[pyfunction]
    fn primes<'py>(py: Python<'py>, n: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let n = to_n(n)?;
        let primes = py.detach(|| kernels::primes(n)).map_err(to_py_err)?;
        crate::list::from_u32s(py, &primes)
    }

    /// The number of indices i with s[i] == s[i + 1], comparing code points.
    ///
    /// Raises TypeError when s is not a str. Lone surrogates are counted like any other code
    /// point.
    #[pyfunction]
    fn count_doubles(py: Python<'_>, s: &Bound<'_, PyString>) -> PyResult<usize> {
        crate::code_points::count_doubles(py, s)
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

// ANCHOR: code_points
/// How a str reaches the kernel. The stable ABI only offers an encoded copy of it; a build
/// for one Python version may read the array of code points CPython stores the str as
/// (PEP 393: 1, 2 or 4 bytes each), in place.
#[cfg(feature = "abi3")]
mod code_points {
    use kernels::count_equal_neighbours;
    use pyo3::prelude::*;
    use pyo3::types::{PyBytes, PyString};

    pub fn count_doubles(py: Python<'_>, s: &Bound<'_, PyString>) -> PyResult<usize> {
        // The stable ABI of 3.9 offers no view of the str's own data: it must be encoded.
        // Pick the encoding per string, and borrow the encoded bytes rather than copy them
        // again: ASCII as UTF-8 (a plain copy), anything else as UTF-32 (one unit per code
        // point, lone surrogates included, compared as 4-byte units with no decoding).
        let ascii = s.call_method0("isascii")?.is_truthy()?;
        let encoded = if ascii {
            s.encode_utf8()?
        } else {
            s.call_method1("encode", ("utf-32-le", "surrogatepass"))?
                .cast_into::<PyBytes>()?
        };
        let bytes = encoded.as_bytes();
        let big = bytes.len() > crate::DETACH_ABOVE as usize;
        Ok(if ascii {
            crate::detach_if(py, big, || count_equal_neighbours(bytes))
        } else {
            let (units, _) = bytes.as_chunks::<4>();
            crate::detach_if(py, big, || count_equal_neighbours(units))
        })
    }
}

#[cfg(not(feature = "abi3"))]
mod code_points {
    use kernels::count_equal_neighbours;
    use pyo3::prelude::*;
    use pyo3::types::PyString;
    use pyo3::types::string::PyStringData;

    pub fn count_doubles(py: Python<'_>, s: &Bound<'_, PyString>) -> PyResult<usize> {
        // SAFETY: PyString::data reads CPython's string header, which PyO3 tests on x86_64;
        // the contract suite runs this build there (tests/test_pyo3.py). The str is
        // immutable and `s` keeps it alive while the kernel reads it.
        let data = unsafe { s.data()? };
        let big = s.len()? > crate::DETACH_ABOVE as usize;
        Ok(match data {
            PyStringData::Ucs1(units) => {
                crate::detach_if(py, big, || count_equal_neighbours(units))
            }
            PyStringData::Ucs2(units) => {
                crate::detach_if(py, big, || count_equal_neighbours(units))
            }
            PyStringData::Ucs4(units) => {
                crate::detach_if(py, big, || count_equal_neighbours(units))
            }
        })
    }
}
// ANCHOR_END: code_points
