//! The primes as a numpy array, through the one copy that rust-cpython allows.

use cpython::{PyDict, PyModule, PyObject, PyResult, Python};
use python3_sys as ffi;

use crate::owned_or_err;

// ANCHOR: uint32_array
/// `numpy.frombuffer(bytearray(values), dtype="uint32")`: a writable, C-contiguous array
/// of `values`, copied once.
///
/// PyO3 hands Rust's `Vec` to numpy as the array's base object, which frees it with the
/// array. rust-cpython has no way to do that: it can define no Python class that owns Rust
/// memory and lends it through the buffer protocol. So the values are copied, once, into a
/// `bytearray`, whose buffer numpy then views in place, writable, keeping the bytearray
/// alive as the array's base: no second copy, and no conversion per value.
pub fn uint32_array(py: Python, numpy: &PyModule, values: &[u32]) -> PyResult<PyObject> {
    // A slice never spans more than isize::MAX bytes, so its size is a Py_ssize_t.
    let len = ffi::Py_ssize_t::try_from(size_of_val(values)).expect("a slice fits isize");
    // SAFETY: the GIL is held; values is len readable bytes, which CPython copies into the
    // new bytearray. The result is a new reference, or NULL with the exception set
    // (MemoryError when the bytearray does not fit), which owned_or_err fetches.
    let bytes = unsafe {
        owned_or_err(
            py,
            ffi::PyByteArray_FromStringAndSize(values.as_ptr().cast(), len),
        )
    }?;
    let kwargs = PyDict::new(py);
    kwargs.set_item(py, "dtype", "uint32")?; // native byte order, as the Vec holds them
    numpy.call(py, "frombuffer", (bytes,), Some(&kwargs))
}
// ANCHOR_END: uint32_array
