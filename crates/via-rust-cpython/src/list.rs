//! A Python list of ints, built so that running out of memory raises `MemoryError` and
//! Ctrl-C interrupts it.
//!
//! rust-cpython's own `Vec<T>` conversion panics when CPython cannot allocate, which the
//! wrapper reports as `SystemError`. The contract asks for `MemoryError`, so this one
//! conversion uses the C API directly and passes CPython's error through.

use cpython::{PyErr, PyObject, PyResult, Python};
use python3_sys as ffi;

use crate::owned_or_err;

/// How many items go into the list between two looks at pending signals: often enough that
/// Ctrl-C arrives within milliseconds, rarely enough to cost nothing measurable.
const SIGNAL_CHECK_EVERY: usize = 1 << 16;

pub fn from_u32s(py: Python, values: &[u32]) -> PyResult<PyObject> {
    let len = ffi::Py_ssize_t::try_from(values.len())
        .map_err(|_| PyErr::new::<cpython::exc::MemoryError, _>(py, "list too long"))?;
    // SAFETY: the GIL is held (py proves it). Every pointer CPython returns is checked for
    // NULL before use; the list owns each item once PyList_SetItem has stolen it, and the
    // PyObject wrapper releases the list, and so every item, on the error path too. Slots
    // not yet filled are NULL, which a list being freed skips.
    unsafe {
        let list = owned_or_err(py, ffi::PyList_New(len))?;
        for (i, &value) in values.iter().enumerate() {
            // The GIL is held for the whole loop: run the Python signal handlers (Ctrl-C's
            // KeyboardInterrupt) ourselves, or they would wait until the list is complete.
            if i % SIGNAL_CHECK_EVERY == 0 && ffi::PyErr_CheckSignals() != 0 {
                return Err(PyErr::fetch(py));
            }
            let item = owned_or_err(py, ffi::PyLong_FromUnsignedLong(value.into()))?;
            ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item.steal_ptr());
        }
        Ok(list)
    }
}
