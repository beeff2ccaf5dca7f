//! The primes as a numpy array, through the one copy that rust-cpython allows.

use cpython::{PyDict, PyErr, PyModule, PyObject, PyResult, Python, exc};

use crate::buffer::Export;

// ANCHOR: uint32_array
/// A new numpy array of `values`, copied once into memory numpy allocated.
///
/// PyO3 hands Rust's `Vec` to numpy as the array's base object, which frees it with the
/// array. rust-cpython has no way to do that: it can define no Python class that owns Rust
/// memory and lends it through the buffer protocol. So numpy allocates the array
/// (`numpy.empty`), and Rust copies the values into it through the buffer protocol: one
/// copy, and an array that owns its memory like any array numpy makes.
pub fn uint32_array(py: Python, numpy: &PyModule, values: &[u32]) -> PyResult<PyObject> {
    let kwargs = PyDict::new(py);
    kwargs.set_item(py, "dtype", "uint32")?; // native byte order, as the Vec holds them
    // numpy's MemoryError when it does not fit.
    let array = numpy.call(py, "empty", (values.len(),), Some(&kwargs))?;
    let mut export = Export::get_writable(py, &array)?;
    let (units, rest) = export.bytes_mut(py)?.as_chunks_mut::<4>();
    if units.len() != values.len() || !rest.is_empty() {
        let message = "numpy.empty lent a buffer of another size";
        return Err(PyErr::new::<exc::SystemError, _>(py, message));
    }
    for (unit, value) in units.iter_mut().zip(values) {
        *unit = value.to_ne_bytes(); // compiled to one memcpy
    }
    drop(export); // released before the array is handed out
    Ok(array)
}
// ANCHOR_END: uint32_array
