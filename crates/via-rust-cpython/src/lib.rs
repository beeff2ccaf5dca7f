//! Style 3: a CPython extension module written with the rust-cpython macros (`cpython` crate).
//!
//! `py_module_initializer!` would generate `PyInit_primes_rust_cpython`; here it is written
//! out, with one check the macro lacks (see [`PyInit_primes_rust_cpython`]). Each function
//! receives `py: Python`, the token that proves the GIL is held. rust-cpython is unmaintained
//! upstream; chapter 5 of the book sets each construct here beside its PyO3 equivalent in
//! `crates/via-pyo3`, and says where this crate needed working around.

// Fires inside the expansion of the cpython crate's py_method_def! macro, not on this code.
#![expect(clippy::manual_strip, reason = "py_method_def!'s name handling")]

use cpython::{PyErr, PyModule, PyObject, PyResult, PyString, Python, exc};
use python3_sys as ffi;

#[macro_use]
mod args;
mod array;
mod buffer;
mod list;
mod text;

const MODULE_DOC: &str = "The sieve and count_doubles kernels in Rust, through rust-cpython.";

// The docstrings. py_fn! has no place for one: `py_fn_with_doc!` (args.rs) adds it, after
// the signature line CPython reads for `inspect.signature` and `help()`.
macro_rules! COUNT_PRIMES_DOC {
    () => {
        "The number of primes p with 2 <= p <= n, on `threads` threads.\n\n\
         threads=1 (the default) counts on the calling thread; 0 starts one thread per core,\n\
         and any other number up to 1024 that many (at most one per core), for this call\n\
         only. Raises ValueError when n is outside 0..=MAX_N or threads outside 0..=1024, and\n\
         TypeError when either is not an int. Ctrl-C during a count on several threads stops\n\
         it and raises KeyboardInterrupt."
    };
}
macro_rules! PRIMES_DOC {
    () => {
        "The primes p with 2 <= p <= n, ascending, as a list of int.\n\n\
         Raises ValueError when n is outside 0..=MAX_N, TypeError when it is not an int, and\n\
         MemoryError when the list does not fit in memory."
    };
}
macro_rules! COUNT_DOUBLES_DOC {
    () => {
        "The number of indices i with s[i] == s[i + 1], comparing code points.\n\n\
         Raises TypeError when s is not a str. Lone surrogates are counted like any other\n\
         code point."
    };
}
macro_rules! PRIMES_ARRAY_DOC {
    () => {
        "The primes p with 2 <= p <= n, ascending, as a numpy array of uint32.\n\n\
         Raises ValueError when n is outside 0..=MAX_N, TypeError when it is not an int, and\n\
         MemoryError when the array does not fit in memory. Rust's memory is handed to numpy\n\
         without a copy. Needs numpy: raises ImportError without it."
    };
}
macro_rules! COUNT_EQUAL_NEIGHBOURS_DOC {
    () => {
        "The number of indices i with buffer[i] == buffer[i + 1], for a one-dimensional,\n\
         contiguous buffer of integers of 1, 2, 4 or 8 bytes (bytes, bytearray, array.array,\n\
         numpy arrays), read in place without a copy.\n\n\
         Raises TypeError when buffer is not a buffer of integers and ValueError when it is not\n\
         one-dimensional and contiguous.\n\n\
         The GIL is released while the buffer is read, and the buffer is held: a bytearray\n\
         cannot be resized meanwhile. No thread may write to the buffer until the call\n\
         returns, as for numpy's own functions: a write meanwhile is a data race, and the\n\
         result is undefined."
    };
}

// ANCHOR: module
fn init(py: Python, m: &PyModule) -> PyResult<()> {
    m.add(py, "__doc__", MODULE_DOC)?;
    m.add(py, "MAX_N", kernels::MAX_N)?;
    array::ready_class(py, "primes_rust_cpython")?; // primes_array's owner of Rust's memory
    m.add(
        py,
        "count_primes",
        py_fn_with_doc!(py, count_primes(n, *, threads = "1"), COUNT_PRIMES_DOC),
    )?;
    m.add(py, "primes", py_fn_with_doc!(py, primes(n), PRIMES_DOC))?;
    m.add(
        py,
        "count_doubles",
        py_fn_with_doc!(py, count_doubles(s), COUNT_DOUBLES_DOC),
    )?;
    m.add(
        py,
        "primes_array",
        py_fn_with_doc!(py, primes_array(n), PRIMES_ARRAY_DOC),
    )?;
    m.add(
        py,
        "count_equal_neighbours",
        py_fn_with_doc!(
            py,
            count_equal_neighbours(buffer),
            COUNT_EQUAL_NEIGHBOURS_DOC
        ),
    )?;
    Ok(())
}
// ANCHOR_END: module

// ANCHOR: init
// Not exported by python3-sys 0.7.2; part of CPython's C API since 3.8.
unsafe extern "C" {
    fn PyInterpreterState_Main() -> *mut ffi::PyInterpreterState;
}

/// The module's entry point: what `py_module_initializer!` expands to, after one check.
///
/// rust-cpython takes the GIL with `PyGILState_Ensure` whenever it drops a Python object,
/// and that function only knows the main interpreter: in a subinterpreter it waits for a GIL
/// that its own thread holds, for ever. So the module refuses to load anywhere else, with an
/// ImportError. (PyO3's `Python::attach` calls that function too, and the PyO3 module also
/// refuses subinterpreters with an ImportError.) `m_size` is 0, not -1: CPython calls this
/// function again for every interpreter that imports the module, instead of copying the first
/// one's functions.
///
/// # Safety
/// Called by CPython's import machinery, with the GIL held.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInit_primes_rust_cpython() -> *mut ffi::PyObject {
    static mut MODULE_DEF: ffi::PyModuleDef = ffi::PyModuleDef_INIT;
    // SAFETY: CPython holds the GIL while it imports, so nothing else touches MODULE_DEF; the
    // strings are 'static and NUL-terminated.
    unsafe {
        if ffi::PyInterpreterState_Get() != PyInterpreterState_Main() {
            ffi::PyErr_SetString(
                ffi::PyExc_ImportError,
                c"primes_rust_cpython cannot be loaded in a subinterpreter: rust-cpython only supports the main interpreter".as_ptr(),
            );
            return std::ptr::null_mut();
        }
        MODULE_DEF.m_name = c"primes_rust_cpython".as_ptr();
        cpython::py_module_initializer_impl(&raw mut MODULE_DEF, init)
    }
}
// ANCHOR_END: init

// ANCHOR: functions
fn count_primes(py: Python, n: PyObject, threads: Option<PyObject>) -> PyResult<usize> {
    let n = to_n(py, &n)?; // n first, then threads: the contract's order
    let threads = match threads {
        Some(threads) => to_threads(py, &threads)?,
        None => 1,
    };
    if threads != 1 {
        return count_on_threads(py, n, threads);
    }
    // The kernel needs no Python object: let other threads run Python meanwhile.
    py.allow_threads(|| kernels::count_primes(n))
        .map_err(|e| to_py_err(py, e))
}

// ANCHOR: count_on_threads
/// π(n) on `threads` threads (0: one per core), the GIL released for the whole count. The
/// workers never touch Python; the calling thread, while it waits, takes the GIL back every
/// 20 ms or so to run Python's signal handlers, and stops the count when one raises (Ctrl-C:
/// KeyboardInterrupt), raising that exception once the workers have stopped.
fn count_on_threads(py: Python, n: u32, threads: usize) -> PyResult<usize> {
    let mut raised = None;
    let counted = py.allow_threads(|| {
        kernels::count_primes_threads(n, threads, || {
            // On the calling thread, the one that may run signal handlers, with the GIL.
            let gil = Python::acquire_gil();
            // SAFETY: the GIL is held; PyErr_CheckSignals runs the handlers and returns -1
            // with the exception set when one raised.
            if unsafe { ffi::PyErr_CheckSignals() } == 0 {
                return true;
            }
            raised = Some(PyErr::fetch(gil.python()));
            false
        })
    });
    if let Some(error) = raised {
        return Err(error);
    }
    match counted.map_err(|e| to_py_err(py, e))? {
        Some(count) => Ok(count),
        None => unreachable!("the count stops only when a signal handler raised"),
    }
}
// ANCHOR_END: count_on_threads

fn primes(py: Python, n: PyObject) -> PyResult<PyObject> {
    let n = to_n(py, &n)?;
    let primes = py
        .allow_threads(|| kernels::primes(n))
        .map_err(|e| to_py_err(py, e))?;
    list::from_u32s(py, &primes)
}

fn count_doubles(py: Python, s: PyObject) -> PyResult<usize> {
    let Ok(s) = s.cast_as::<PyString>(py) else {
        return Err(PyErr::new::<exc::TypeError, _>(py, not_a_str(py, &s)));
    };
    text::count_doubles(py, s)
}
// ANCHOR_END: functions

// ANCHOR: primes_array
fn primes_array(py: Python, n: PyObject) -> PyResult<PyObject> {
    let n = to_n(py, &n)?;
    // numpy first: a missing numpy is its ImportError before the sieve runs, not after.
    let numpy = py.import("numpy")?;
    let primes = py
        .allow_threads(|| kernels::primes(n))
        .map_err(|e| to_py_err(py, e))?;
    array::uint32_array(py, &numpy, primes) // the Vec itself, handed over
}
// ANCHOR_END: primes_array

// ANCHOR: count_equal_neighbours
fn count_equal_neighbours(py: Python, buffer: PyObject) -> PyResult<usize> {
    let export = buffer::Export::get(py, &buffer)?;
    // Borrowed from the export, which lives to the end of this function: after the read.
    let (bytes, item_size) = export.integers(py)?;
    // The kernel touches no Python object, only the lent bytes: other threads may run
    // Python meanwhile (and find the bytearray locked against resizing).
    py.allow_threads(|| kernels::count_equal_items(bytes, item_size))
        .map_err(|e| buffer::to_py_err(py, e))
}
// ANCHOR_END: count_equal_neighbours

// ANCHOR: conversions
/// A Python int in `0..=MAX_N`, or the contract's exception.
fn to_n(py: Python, n: &PyObject) -> PyResult<u32> {
    to_index(py, n, kernels::check_n, kernels::out_of_range_message)
}

/// A Python int in `0..=MAX_THREADS`, by the same rules as n, or the contract's exception.
fn to_threads(py: Python, threads: &PyObject) -> PyResult<usize> {
    to_index(
        py,
        threads,
        kernels::check_threads,
        kernels::threads_out_of_range_message,
    )
}

/// `operator.index(value)` checked by `check`, or the contract's exception: the one
/// `__index__` raised, as it is (TypeError for float, str, None), or a ValueError with
/// `message(shown)` for an int too wide for 64 bits.
fn to_index<T>(
    py: Python,
    value: &PyObject,
    check: fn(i128) -> Result<T, kernels::Error>,
    message: fn(&dyn std::fmt::Display) -> String,
) -> PyResult<T> {
    // operator.index(value): an exact int, whatever an int subclass claims.
    // SAFETY: the GIL is held; PyNumber_Index returns a new reference or NULL with an error.
    let index = unsafe { owned_or_err(py, ffi::PyNumber_Index(value.as_ptr())) }?;
    match index.extract::<i64>(py) {
        Ok(value) => check(value.into()).map_err(|e| to_py_err(py, e)),
        // An exact int that does not fit 64 bits: out of range, whatever else it is.
        Err(_) => Err(PyErr::new::<exc::ValueError, _>(
            py,
            wide_message(py, &index, message)?,
        )),
    }
}

/// The out-of-range message for an int too wide for 64 bits: its digits when it has at most
/// `kernels::SHOWN_BITS` bits, else its sign and width.
fn wide_message(
    py: Python,
    index: &PyObject,
    message: fn(&dyn std::fmt::Display) -> String,
) -> PyResult<String> {
    use cpython::ObjectProtocol;
    let bits: u64 = index
        .call_method(py, "bit_length", cpython::NoArgs, None)?
        .extract(py)?;
    if bits <= kernels::SHOWN_BITS {
        let digits = index.str(py)?; // an exact int: no __str__ of anybody else's runs
        return Ok(message(&digits.to_string_lossy(py)));
    }
    let negative = index.compare(py, 0)? == std::cmp::Ordering::Less;
    let sign = if negative { "a negative" } else { "an" };
    Ok(message(&format_args!("{sign} int of {bits} bits")))
}

/// The contract's TypeError message for a non-str `s`.
fn not_a_str(py: Python, s: &PyObject) -> String {
    format!("s must be a str, not {}", s.get_type(py).name(py))
}

fn to_py_err(py: Python, error: kernels::Error) -> PyErr {
    match error {
        kernels::Error::OutOfRange(_) | kernels::Error::ThreadsOutOfRange(_) => {
            PyErr::new::<exc::ValueError, _>(py, error.to_string())
        }
        kernels::Error::OutOfMemory(_) => PyErr::new::<exc::MemoryError, _>(py, error.to_string()),
    }
}
// ANCHOR_END: conversions

/// Wraps a new reference, or fetches the exception CPython set when it returned NULL.
///
/// # Safety
/// `ptr` must be NULL or a new (owned) reference, with the GIL held.
unsafe fn owned_or_err(py: Python, ptr: *mut ffi::PyObject) -> PyResult<PyObject> {
    if ptr.is_null() {
        Err(PyErr::fetch(py))
    } else {
        // SAFETY: non-NULL and owned, per this function's contract.
        Ok(unsafe { PyObject::from_owned_ptr(py, ptr) })
    }
}
