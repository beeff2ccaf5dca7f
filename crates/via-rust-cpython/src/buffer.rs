//! An array of integers that Python lends through the buffer protocol (PEP 3118), borrowed
//! in place for as long as Rust reads it.
//!
//! Everything the count needs comes from the `Py_buffer` the exporter filled in, never from
//! the object's methods: a subclass may override `__len__` or `itemsize`, not the buffer.

use std::ffi::{CStr, c_char};
use std::marker::PhantomData;

use cpython::{PyErr, PyObject, PyResult, Python, exc};
use python3_sys as ffi;

// ANCHOR: export
/// A buffer export: the exporter's memory, lent until this value is dropped.
///
/// It makes the request `memoryview(obj)` makes (`PyBUF_FULL_RO`), as rust-cpython's
/// `PyBuffer::get` does, but does not `assert!` that the exporter filled in shape and
/// strides: a zero-dimensional buffer (`numpy.uint8(3)`, `numpy.array(3)`) lawfully has
/// neither, and that assertion panics after the export is taken, so it is never released.
/// The contract answers such a buffer, like every other shape, with the ValueError of
/// `kernels::check_items`.
pub struct Export<'p> {
    /// Boxed, so it never moves: exporters may point `shape` and `strides` into the
    /// `Py_buffer` itself (`PyBuffer_FillInfo` does, for bytes and bytearray).
    view: Box<ffi::Py_buffer>,
    /// Ties the export to the GIL and to this thread (`Python` is not `Send`): it is released
    /// where it was taken, with the GIL held, not through `PyGILState_Ensure` as
    /// `PyBuffer`'s `Drop` does.
    attached: PhantomData<Python<'p>>,
}

impl<'p> Export<'p> {
    /// Borrows `obj`'s buffer: `PyObject_GetBuffer`'s TypeError ("a bytes-like object is
    /// required, not 'int'") for an object without one, and whatever an exporter raises, as
    /// it is.
    pub fn get(py: Python<'p>, obj: &PyObject) -> PyResult<Self> {
        let mut view = Box::<ffi::Py_buffer>::default();
        let flags = ffi::PyBUF_FULL_RO;
        // SAFETY: the GIL is held and obj is alive; view is a Py_buffer at a stable address.
        // On failure CPython has set the exception and there is no export to release.
        let status = unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), &raw mut *view, flags) };
        if status == -1 {
            return Err(PyErr::fetch(py));
        }
        Ok(Self {
            view,
            attached: PhantomData,
        })
    }

    /// The buffer's bytes and the size of one item, once `kernels::check_items` has accepted
    /// its format, item size, dimensions and contiguity.
    pub fn integers(&self, py: Python) -> PyResult<(&[u8], usize)> {
        let view = &*self.view;
        let format = if view.format.is_null() {
            c"B" // the protocol's meaning of no format: unsigned bytes
        } else {
            // SAFETY: a non-NULL format is a NUL-terminated string that the exporter keeps
            // for as long as the export lives, and self outlives the borrow.
            unsafe { CStr::from_ptr(view.format) }
        };
        // SAFETY: view was filled in by a successful PyObject_GetBuffer and is still held.
        // PyBuffer_IsContiguous reads only it (and says no to indirect buffers).
        let contiguous = unsafe { ffi::PyBuffer_IsContiguous(view, b'C' as c_char) } != 0;
        let item_size = unsigned(py, view.itemsize, "item size")?;
        let ndim = unsigned(py, view.ndim, "number of dimensions")?;
        kernels::check_items(&format.to_string_lossy(), item_size, ndim, contiguous)
            .map_err(|e| to_py_err(py, e))?;
        // The exporter's own length in bytes: for a one-dimensional contiguous buffer, all
        // of its items, one after the other from `buf`.
        let len = unsigned(py, view.len, "length")?;
        if len == 0 {
            return Ok((&[], item_size)); // `buf` may be NULL: no slice is formed from it
        }
        // SAFETY: the exporter lends len readable bytes at buf, and they stay where they are
        // while the export is held: the slice borrows self, so the export outlives every
        // read, GIL released or not. That export is also the lock that keeps the memory in
        // place: while it is held, a bytearray refuses to be resized (BufferError) and an
        // array.array or numpy array to be reallocated, by any thread (numpy's
        // `resize(..., refcheck=False)` skips that check, documented as unsafe: it would pull
        // the memory from under numpy's own loops as well).
        //
        // What no export prevents is a write. A `&[u8]` promises Rust that the bytes do not
        // change while it lives, and that promise is the caller's to keep, not ours to check:
        // no thread, Python or native, may write to the buffer until the call returns
        // (CONTRACT.md, "Arrays"). numpy's own loops, which also read without the GIL, assume
        // the same. A caller who writes anyway has a data race, undefined behaviour, not a
        // count of old and new items. Relaxed atomic loads would not define it either, since
        // Python's writers store plainly, and they cannot be vectorised: about twice the time
        // on u32 items and six times on bytes, on the 2-core VM this was written on (the
        // kernels example shared_reads). So the slice stays, and the rule with it.
        let bytes = unsafe { std::slice::from_raw_parts(view.buf.cast::<u8>(), len) };
        Ok((bytes, item_size))
    }
}

impl Drop for Export<'_> {
    fn drop(&mut self) {
        // SAFETY: the export was taken by a successful PyObject_GetBuffer and is released
        // once, here, on the thread that took it and with the GIL held (`attached`).
        unsafe { ffi::PyBuffer_Release(&raw mut *self.view) }
    }
}
// ANCHOR_END: export

/// A field of the `Py_buffer` that the protocol promises is not negative. A broken exporter's
/// negative value is refused, not trusted as a huge size.
fn unsigned(py: Python, value: impl TryInto<usize>, what: &str) -> PyResult<usize> {
    value.try_into().map_err(|_| {
        PyErr::new::<exc::BufferError, _>(py, format!("the exporter lent a negative {what}"))
    })
}

/// The wrong kind of items is a TypeError; the right items, badly arranged, a ValueError.
pub fn to_py_err(py: Python, error: kernels::ItemsError) -> PyErr {
    if error.is_type_error() {
        PyErr::new::<exc::TypeError, _>(py, error.to_string())
    } else {
        PyErr::new::<exc::ValueError, _>(py, error.to_string())
    }
}
