"""CPython's buffer protocol, called through ctypes: how ctypes borrows a read-only buffer.

ctypes can hand C a pointer into a *writable* buffer (`from_buffer`) but has no way to do it
for a read-only one such as `bytes`, short of copying it. CPython's own C API can:
`ctypes.pythonapi` is the interpreter itself, loaded as a library that holds the GIL during
each call and raises any exception the call sets.
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
get = ctypes.pythonapi.PyObject_GetBuffer
get.argtypes = [ctypes.py_object, ctypes.POINTER(PyBuffer), ctypes.c_int]
get.restype = ctypes.c_int
release = ctypes.pythonapi.PyBuffer_Release
release.argtypes = [ctypes.POINTER(PyBuffer)]
release.restype = None


# ANCHOR: borrowed
@contextmanager
def borrowed(view):
    """The address and length in bytes of the contiguous memoryview `view`'s memory, for the
    `with` block: the export is held until the block ends, and released exactly once."""
    buffer = PyBuffer()  # all zero: releasing it before it is filled does nothing
    try:  # the request too: an interrupt landing just after it must not skip the release
        get(view, ctypes.byref(buffer), PyBUF_SIMPLE)  # raises what the exporter raises
        yield buffer.buf, buffer.len
    finally:
        release(ctypes.byref(buffer))


# ANCHOR_END: borrowed
