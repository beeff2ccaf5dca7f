"""Wrong implementations of the array functions, each breaking one promise of the contract.

tests/test_arrays.py runs every check against these too, and demands that each be caught:
a check that passes a wrong answer proves nothing. They are built from the ctypes style's
own parts, so that each differs from a right implementation in one way only.
"""

import ctypes
import itertools
import struct
from types import SimpleNamespace

import numpy

from python_clients import _c_abi, _py_buffer
from python_clients import ctypes_style as right
from python_clients._contract import check_buffer, check_n
from python_clients._py_buffer import borrowed


def _count(function, address, length, item_size):
    count = ctypes.c_size_t()
    right.check(function(address, length, item_size, ctypes.byref(count)))
    return count.value


def copying_count(buffer):
    """Copies the array first: no longer zero-copy, and the export is released before Rust
    reads, so a bytearray can be resized meanwhile (here harmlessly: Rust reads the copy)."""
    with check_buffer(buffer) as view:
        data, item_size = view.tobytes(), view.itemsize
    return _count(right.lib.kernels_count_equal_neighbours, data, len(data), item_size)


# The same function through PyDLL, which keeps the GIL for the whole call (CPython's alone).
if hasattr(ctypes, "PyDLL"):
    _held = ctypes.PyDLL(str(right.path)).kernels_count_equal_neighbours
    _held.argtypes = right.lib.kernels_count_equal_neighbours.argtypes
    _held.restype = ctypes.c_int


def gil_holding_count(buffer):
    """Borrows the array properly but never releases the GIL: no other thread runs."""
    with check_buffer(buffer) as view, borrowed(view) as (address, length):
        return _count(_held, address, length, view.itemsize)


def export_leaking_count(buffer):
    """Takes the buffer with PyObject_GetBuffer and forgets PyBuffer_Release: the exporter
    stays locked for ever (a bytearray can never be resized again) and keeps a reference."""
    view = check_buffer(buffer)
    taken = _py_buffer.PyBuffer()
    _py_buffer.get(view, ctypes.byref(taken), _py_buffer.PyBUF_SIMPLE)
    return _count(right.lib.kernels_count_equal_neighbours, taken.buf, taken.len, view.itemsize)


def readonly_copying_count(buffer):
    """Borrows a writable buffer, copies a read-only one (bytes, a read-only numpy array):
    what a ctypes user does when `from_buffer` refuses read-only memory."""
    with check_buffer(buffer) as view:
        if not view.readonly:
            with borrowed(view) as (address, length):
                return _count(
                    right.lib.kernels_count_equal_neighbours, address, length, view.itemsize
                )
        data = view.tobytes()
        return _count(right.lib.kernels_count_equal_neighbours, data, len(data), view.itemsize)


def gil_holding_wide_count(buffer):
    """Releases the GIL for arrays of bytes only, and keeps it for wider items."""
    with check_buffer(buffer) as view, borrowed(view) as (address, length):
        function = right.lib.kernels_count_equal_neighbours if view.itemsize == 1 else _held
        return _count(function, address, length, view.itemsize)


def empty_export_leaking_count(buffer):
    """The early return C code is prone to: an empty buffer's export is never released."""
    with check_buffer(buffer) as view:
        taken = _py_buffer.PyBuffer()
        _py_buffer.get(buffer, ctypes.byref(taken), _py_buffer.PyBUF_SIMPLE)
        if taken.len == 0:
            return 0  # and the release below is skipped
        try:
            return _count(
                right.lib.kernels_count_equal_neighbours, taken.buf, taken.len, view.itemsize
            )
        finally:
            _py_buffer.release(ctypes.byref(taken))


CHUNK = 1 << 20


def chunk_copying_count(buffer):
    """Copies the array a MiB at a time, export held and GIL released for each piece: a copy
    that the peak of resident memory cannot see."""
    with check_buffer(buffer) as view, view.cast("B") as raw:
        size = view.itemsize
        total, previous = 0, None
        for start in range(0, len(raw), CHUNK - CHUNK % size):
            piece = bytes(raw[start : start + CHUNK - CHUNK % size])
            total += _count(right.lib.kernels_count_equal_neighbours, piece, len(piece), size)
            total += previous == piece[:size]
            previous = piece[-size:]
        return total


def interrupt_deaf_count(buffer):
    """Counts in Python through an iterator that a traceback keeps alive: Ctrl-C during the
    count ends in BufferError (the view cannot be released under the iterator's export),
    and the caller's bytearray stays locked while the exception lives."""
    with check_buffer(buffer) as view:
        items = (item for (item,) in struct.iter_unpack(f"{view.itemsize}s", view))
        return sum(a == b for a, b in itertools.pairwise(items))


def _filled(n, buffer):
    right.check(right.lib.kernels_primes(check_n(n), ctypes.byref(buffer)))
    return ctypes.cast(buffer.data, ctypes.c_void_p).value, buffer.len


def leaking_primes_array(n):
    """Hands numpy the memory with no owner to free it: every array leaks."""
    buffer = right.PrimeBuffer()  # the plain struct: nothing frees it
    address, length = _filled(n, buffer)
    return _c_abi.array_over(address, length, owner=None)


def early_free_primes_array(n):
    """Frees the memory when the function returns, while the array still points into it: a
    use-after-free."""
    buffer = right.OwnedPrimeBuffer()
    address, length = _filled(n, buffer)
    return _c_abi.array_over(address, length, owner=None)  # buffer dies here, and frees


def copying_primes_array(n):
    """Copies Rust's primes into an array numpy allocates: right values, twice the memory."""
    return right.primes_array(n).copy()


def numpy_empty_primes_array(n):
    """What rust-cpython's primes_array did before its RustPrimes class: copies Rust's primes
    into an array numpy.empty made, then frees them. One copy: twice the primes' memory at
    the peak, and all of the array's bytes from Python's allocator."""
    buffer = right.OwnedPrimeBuffer()
    address, length = _filled(n, buffer)
    array = numpy.empty(length, dtype=numpy.uint32)
    ctypes.memmove(array.ctypes.data, address, 4 * length)
    del buffer  # frees Rust's primes
    return array


WRONG = {
    "copying_count": SimpleNamespace(count_equal_neighbours=copying_count),
    "gil_holding_count": SimpleNamespace(count_equal_neighbours=gil_holding_count),
    "export_leaking_count": SimpleNamespace(count_equal_neighbours=export_leaking_count),
    "readonly_copying_count": SimpleNamespace(count_equal_neighbours=readonly_copying_count),
    "gil_holding_wide_count": SimpleNamespace(count_equal_neighbours=gil_holding_wide_count),
    "empty_export_leaking_count": SimpleNamespace(
        count_equal_neighbours=empty_export_leaking_count
    ),
    "chunk_copying_count": SimpleNamespace(count_equal_neighbours=chunk_copying_count),
    "interrupt_deaf_count": SimpleNamespace(count_equal_neighbours=interrupt_deaf_count),
    "numpy_empty_primes_array": SimpleNamespace(primes_array=numpy_empty_primes_array),
    "leaking_primes_array": SimpleNamespace(primes_array=leaking_primes_array),
    "early_free_primes_array": SimpleNamespace(primes_array=early_free_primes_array),
    "copying_primes_array": SimpleNamespace(primes_array=copying_primes_array),
}

# Made of PyDLL or CPython's C API (ctypes.pythonapi), which PyPy's ctypes lacks: there they
# do not exist, and the checks they prove are proven on CPython.
CPYTHON_ONLY = {
    "gil_holding_count",
    "gil_holding_wide_count",
    "export_leaking_count",
    "empty_export_leaking_count",
}
if _py_buffer.CAPI is None:
    for name in CPYTHON_ONLY:
        del WRONG[name]
