//! A Python list of ints, built so that running out of memory raises `MemoryError` and
//! Ctrl-C interrupts it.
//!
//! Returning `Vec<u32>` from a `#[pyfunction]` would let PyO3 convert it, and that conversion
//! panics (`PanicException`) when CPython cannot allocate the list. The contract asks for
//! `MemoryError`, so this one conversion checks every allocation itself.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// How many items go into the list between two looks at pending signals: often enough that
/// Ctrl-C arrives within milliseconds, rarely enough to cost nothing measurable.
const SIGNAL_CHECK_EVERY: usize = 1 << 16;

pub fn from_u32s<'py>(py: Python<'py>, values: &[u32]) -> PyResult<Bound<'py, PyList>> {
    let len = ffi::Py_ssize_t::try_from(values.len())
        .map_err(|_| pyo3::exceptions::PyMemoryError::new_err("list too long"))?;
    // SAFETY: the GIL is held (py proves it); from_owned_ptr_or_err turns a NULL result into
    // the exception CPython set, and otherwise takes ownership of the new reference.
    let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len))? };
    for (i, &value) in values.iter().enumerate() {
        // The GIL is held for the whole loop: run the Python signal handlers (Ctrl-C's
        // KeyboardInterrupt) ourselves, or they would wait until the list is complete. On
        // an error the list, and every item already in it, is released with it.
        if i % SIGNAL_CHECK_EVERY == 0 {
            py.check_signals()?;
        }
        // SAFETY: as above, for the new int.
        let item = unsafe {
            Bound::from_owned_ptr_or_err(py, ffi::PyLong_FromUnsignedLong(value.into()))?
        };
        // SAFETY: list is a new list of len items and i < len; PyList_SetItem steals item.
        unsafe { ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr()) };
    }
    // SAFETY: PyList_New returned a list.
    Ok(unsafe { list.cast_into_unchecked() })
}
