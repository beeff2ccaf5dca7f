//! A Python list of ints, built so that running out of memory raises `MemoryError`.
//!
//! rust-cpython's own `Vec<T>` conversion panics when CPython cannot allocate, which the
//! `py_fn!` wrapper reports as `SystemError`. The contract asks for `MemoryError`, so this
//! one conversion uses the C API directly and passes CPython's error through.

use cpython::{PyErr, PyObject, PyResult, Python};
use python3_sys as ffi;

pub fn from_u32s(py: Python, values: &[u32]) -> PyResult<PyObject> {
    let len = ffi::Py_ssize_t::try_from(values.len())
        .map_err(|_| PyErr::new::<cpython::exc::MemoryError, _>(py, "list too long"))?;
    // SAFETY: the GIL is held (py proves it). Every pointer CPython returns is checked for
    // NULL before use; the list owns each item once PyList_SetItem has stolen it, and the
    // PyObject wrapper releases the list, and so every item, on the error path too.
    unsafe {
        let list = checked(py, ffi::PyList_New(len))?;
        for (i, &value) in values.iter().enumerate() {
            let item = checked(py, ffi::PyLong_FromUnsignedLong(value.into()))?;
            ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item.steal_ptr());
        }
        Ok(list)
    }
}

/// Wraps a new reference, or fetches the exception CPython set when it returned NULL.
///
/// # Safety
/// `ptr` must be NULL or a new (owned) reference, with the GIL held.
unsafe fn checked(py: Python, ptr: *mut ffi::PyObject) -> PyResult<PyObject> {
    if ptr.is_null() {
        Err(PyErr::fetch(py))
    } else {
        // SAFETY: non-NULL and owned, per this function's contract.
        Ok(unsafe { PyObject::from_owned_ptr(py, ptr) })
    }
}
