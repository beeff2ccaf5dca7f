//! How a `str` reaches the kernel: its code points, read where CPython keeps them.

use cpython::{PyErr, PyResult, PyString, PyStringData, Python, PythonObject, exc};
use python3_sys as ffi;

// ANCHOR: count_doubles
/// The number of adjacent equal code points in `s`, for every `str`, subclasses included.
///
/// CPython keeps most strings as one array of code points, 1, 2 or 4 bytes each (PEP 393),
/// right after the object's header ("compact"): those are compared where they lie, with no
/// decoding and no copy. A lone surrogate is just a code point there, and counts like any
/// other. Instances of str subclasses (`numpy.str_`, `enum.StrEnum` members…) keep their
/// array elsewhere, and rust-cpython's `PyString::data` gets that case wrong (python3-sys
/// 0.7.2 declares `PyUnicodeObject` one field short, and reads the data pointer from the
/// wrong place: a segfault). For those, CPython's own `PyUnicode_AsUCS4` copies the code
/// points out: an API that is right for every str.
pub fn count_doubles(py: Python, s: &PyString) -> PyResult<usize> {
    if !is_compact(s) {
        let units = ucs4_copy(py, s)?;
        return Ok(py.allow_threads(|| kernels::count_equal_neighbours(&units)));
    }
    Ok(match s.data(py) {
        PyStringData::Latin1(units) => py.allow_threads(|| kernels::count_equal_neighbours(units)),
        PyStringData::Utf16(units) => py.allow_threads(|| kernels::count_equal_neighbours(units)),
        PyStringData::Utf32(units) => py.allow_threads(|| kernels::count_equal_neighbours(units)),
        PyStringData::Utf8(_) => unreachable!("Python 3 strings are never UTF-8 in memory"),
    })
}
// ANCHOR_END: count_doubles

/// Is `s` compact, its code points right after its header?
fn is_compact(s: &PyString) -> bool {
    // The `compact` bit of PyASCIIObject.state, at the same place from 3.3 to 3.13.
    const COMPACT: u32 = 1 << 5;
    // SAFETY: s is a str (PyString is only ever one), so its header is a PyASCIIObject.
    let state = unsafe { (*s.as_object().as_ptr().cast::<ffi::PyASCIIObject>()).state };
    state & COMPACT != 0
}

/// The code points of `s`, copied by CPython into a buffer Rust owns.
fn ucs4_copy(py: Python, s: &PyString) -> PyResult<Vec<u32>> {
    let ptr = s.as_object().as_ptr();
    // SAFETY: the GIL is held and ptr is a str; its length is its own field, not __len__.
    let len = unsafe { ffi::PyUnicode_GetLength(ptr) };
    let Ok(count) = usize::try_from(len) else {
        return Err(PyErr::fetch(py));
    };
    let mut units = Vec::new();
    if units.try_reserve_exact(count).is_err() {
        return Err(PyErr::new::<exc::MemoryError, _>(py, "cannot copy the str"));
    }
    // SAFETY: units has room for `len` code points; with copy_null = 0 CPython writes
    // exactly `len` of them, or returns NULL with an exception set and writes nothing useful.
    unsafe {
        if ffi::PyUnicode_AsUCS4(ptr, units.as_mut_ptr(), len, 0).is_null() {
            return Err(PyErr::fetch(py));
        }
        units.set_len(count);
    }
    Ok(units)
}
