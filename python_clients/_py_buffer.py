"""CPython's buffer protocol, called through ctypes: how ctypes borrows a read-only buffer.

ctypes can hand C a pointer into a *writable* buffer (`from_buffer`) but has no way to do it
for a read-only one such as `bytes`, short of copying it. CPython's own C API can:
`ctypes.pythonapi` is the interpreter itself, loaded as a library that holds the GIL during
each call and raises any exception the call sets. PyPy's ctypes has no `pythonapi` (PyPy is
not a C library), but its `from_buffer` lends any buffer, read-only too: there `borrowed`
takes that address (CONTRACT.md, "On PyPy").
"""

import ctypes
from contextlib import contextmanager


class PyBuffer(ctypes.Structure):
    """CPython's `Py_buffer`, field for field: part of the stable ABI since 3.11, and laid
    out this way since 3.3."""

    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),  # the exporter; CPython keeps the reference, never us
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.POINTER(ctypes.c_ssize_t)),
        ("strides", ctypes.POINTER(ctypes.c_ssize_t)),
        ("suboffsets", ctypes.POINTER(ctypes.c_ssize_t)),
        ("internal", ctypes.c_void_p),
    ]


PyBUF_SIMPLE = 0
# CPython's C API, where there is one to call.
CAPI = getattr(ctypes, "pythonapi", None)
if CAPI is not None:
    get = CAPI.PyObject_GetBuffer
    get.argtypes = [ctypes.py_object, ctypes.POINTER(PyBuffer), ctypes.c_int]
    get.restype = ctypes.c_int
    release = CAPI.PyBuffer_Release
    release.argtypes = [ctypes.POINTER(PyBuffer)]
    release.restype = None


# ANCHOR: borrowed
@contextmanager
def borrowed(view):
    """The address and length in bytes of the contiguous memoryview `view`'s memory, for the
    `with` block: the export is held until the block ends, and released exactly once."""
    if CAPI is None:
        with _from_ctypes(view) as lent:
            yield lent
        return
    buffer = PyBuffer()  # all zero: releasing it before it is filled does nothing
    try:  # the request too: an interrupt landing just after it must not skip the release
        get(view, ctypes.byref(buffer), PyBUF_SIMPLE)  # raises what the exporter raises
        yield buffer.buf, buffer.len
    finally:
        release(ctypes.byref(buffer))


# ANCHOR_END: borrowed


@contextmanager
def _from_ctypes(view):
    """`borrowed` with PyPy's ctypes, in place: its `from_buffer` lends read-only memory
    too (CPython's refuses it), at an address its GC will not move while the array that
    `from_buffer` makes is alive. Rust only reads it."""
    if view.nbytes == 0:  # a ctypes array of no bytes has no address to hand over
        empty = ctypes.c_char()
        yield ctypes.addressof(empty), 0
        return
    with view.cast("B") as raw:
        holder = (ctypes.c_char * view.nbytes).from_buffer(raw)
        yield ctypes.addressof(holder), view.nbytes
