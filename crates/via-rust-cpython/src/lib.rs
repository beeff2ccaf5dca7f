//! Style 3: a CPython extension module written with the rust-cpython macros (`cpython` crate).
//!
//! `py_module_initializer!` generates `PyInit_primes_rust_cpython`, `py_fn!` wraps each Rust
//! function in a Python callable, and every function receives `py: Python`, the token that
//! proves the GIL is held. rust-cpython is unmaintained upstream; chapter 5 of the book sets
//! each construct here beside its PyO3 equivalent in `crates/via-pyo3`.
// Both lints fire inside the expansions of the cpython crate's macros, not on this code.
#![expect(
    missing_docs,
    reason = "py_module_initializer! makes an undocumented pub fn"
)]
#![expect(clippy::manual_strip, reason = "py_fn!'s argument parsing")]

use cpython::{
    ObjectProtocol, PyErr, PyObject, PyResult, PyString, PyStringData, Python, exc, py_fn,
    py_module_initializer,
};

mod list;

// ANCHOR: module
py_module_initializer!(primes_rust_cpython, |py, m| {
    // py_fn! has no place for a function's docstring: the module's carries them all.
    m.add(py, "__doc__", MODULE_DOC)?;
    m.add(py, "MAX_N", kernels::MAX_N)?;
    m.add(py, "count_primes", py_fn!(py, count_primes(n: PyObject)))?;
    m.add(py, "primes", py_fn!(py, primes(n: PyObject)))?;
    m.add(py, "count_doubles", py_fn!(py, count_doubles(s: PyObject)))?;
    Ok(())
});
// ANCHOR_END: module

const MODULE_DOC: &str = "The sieve and count_doubles kernels in Rust, through rust-cpython.

count_primes(n) -> int: the number of primes p with 2 <= p <= n.
primes(n) -> list[int]: those primes, ascending.
count_doubles(s) -> int: the number of adjacent equal code points in s.

n must be an int in 0..=MAX_N (2**32 - 1); s must be a str.";

// ANCHOR: functions
fn count_primes(py: Python, n: PyObject) -> PyResult<usize> {
    let n = to_n(py, &n)?;
    // The kernel needs no Python object: let other threads run Python meanwhile.
    Ok(py.allow_threads(|| kernels::count_primes(n)))
}

fn primes(py: Python, n: PyObject) -> PyResult<PyObject> {
    let n = to_n(py, &n)?;
    let primes = py
        .allow_threads(|| kernels::primes(n))
        .map_err(|e| to_py_err(py, e))?;
    list::from_u32s(py, &primes)
}

fn count_doubles(py: Python, s: PyObject) -> PyResult<usize> {
    let Ok(s) = s.cast_as::<PyString>(py) else {
        let message = format!("s must be a str, not {}", s.get_type(py).name(py));
        return Err(PyErr::new::<exc::TypeError, _>(py, message));
    };
    // CPython keeps a str as one array of code points, 1, 2 or 4 bytes each (PEP 393):
    // compare them where they lie, with no decoding and no copy. A lone surrogate is just
    // a code point there, and is counted like any other.
    Ok(match s.data(py) {
        PyStringData::Latin1(units) => py.allow_threads(|| kernels::count_equal_neighbours(units)),
        PyStringData::Utf16(units) => py.allow_threads(|| kernels::count_equal_neighbours(units)),
        PyStringData::Utf32(units) => py.allow_threads(|| kernels::count_equal_neighbours(units)),
        PyStringData::Utf8(utf8) => {
            let text = std::str::from_utf8(utf8)
                .map_err(|e| PyErr::new::<exc::ValueError, _>(py, format!("invalid UTF-8: {e}")))?;
            py.allow_threads(|| kernels::count_doubles(text))
        }
    })
}
// ANCHOR_END: functions

// ANCHOR: conversions
/// A Python int in `0..=MAX_N`, or the contract's exception.
fn to_n(py: Python, n: &PyObject) -> PyResult<u32> {
    // Like Python itself, accept what has __index__ (int, bool); float and str: TypeError.
    match n.extract::<i64>(py) {
        Ok(value) => kernels::check_n(value.into()).map_err(|e| to_py_err(py, e)),
        // Wider than 64 bits: certainly out of range. Say so with the number itself.
        Err(error) if error.matches(py, py.get_type::<exc::OverflowError>()) => {
            let text = n.str(py)?.to_string_lossy(py).into_owned();
            Err(PyErr::new::<exc::ValueError, _>(
                py,
                kernels::out_of_range_message(&text),
            ))
        }
        Err(error) => Err(error),
    }
}

fn to_py_err(py: Python, error: kernels::Error) -> PyErr {
    match error {
        kernels::Error::OutOfRange(_) => PyErr::new::<exc::ValueError, _>(py, error.to_string()),
        kernels::Error::OutOfMemory(_) => PyErr::new::<exc::MemoryError, _>(py, error.to_string()),
    }
}
// ANCHOR_END: conversions
