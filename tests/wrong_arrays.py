"""Wrong implementations of the array functions, each breaking one promise of the contract.

tests/test_arrays.py runs every check against these too, and demands that each be caught:
a check that passes a wrong answer proves nothing. They are built from the ctypes style's
own parts, so that each differs from a right implementation in one way only.
"""

import ctypes
from types import SimpleNamespace

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


# The same function through PyDLL, which keeps the GIL for the whole call.
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


WRONG = {
    "copying_count": SimpleNamespace(count_equal_neighbours=copying_count),
    "gil_holding_count": SimpleNamespace(count_equal_neighbours=gil_holding_count),
    "export_leaking_count": SimpleNamespace(count_equal_neighbours=export_leaking_count),
    "leaking_primes_array": SimpleNamespace(primes_array=leaking_primes_array),
    "early_free_primes_array": SimpleNamespace(primes_array=early_free_primes_array),
    "copying_primes_array": SimpleNamespace(primes_array=copying_primes_array),
}
