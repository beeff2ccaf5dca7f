"""Style 1: the Rust C ABI of crates/via-ctypes, loaded and declared by hand with ctypes."""

import ctypes

from . import _c_abi
from ._c_abi import library_path
from ._contract import check_buffer, check_n, check_s
from ._py_buffer import borrowed

# ANCHOR: find_library
path = library_path("via_ctypes")
if not path.exists():
    raise ImportError(f"{path} does not exist")
lib = ctypes.CDLL(str(path))
# ANCHOR_END: find_library


# ANCHOR: declarations
class PrimeBuffer(ctypes.Structure):
    """Mirrors the #[repr(C)] struct in crates/via-ctypes/src/buffer.rs, field for field."""

    _fields_ = [
        ("data", ctypes.POINTER(ctypes.c_uint32)),
        ("len", ctypes.c_size_t),
        ("capacity", ctypes.c_size_t),
    ]


# Without these lines ctypes guesses: every argument an int, every result a C int.
lib.kernels_count_primes.argtypes = [ctypes.c_uint64, ctypes.POINTER(ctypes.c_size_t)]
lib.kernels_count_primes.restype = ctypes.c_int
lib.kernels_count_primes_threads.argtypes = [
    ctypes.c_uint64,
    ctypes.c_uint64,  # threads, checked in Python first: ctypes would wrap -1 to 2**64 - 1
    ctypes.POINTER(ctypes.c_size_t),
]
lib.kernels_count_primes_threads.restype = ctypes.c_int
lib.kernels_primes.argtypes = [ctypes.c_uint64, ctypes.POINTER(PrimeBuffer)]
lib.kernels_primes.restype = ctypes.c_int
lib.kernels_primes_free.argtypes = [ctypes.POINTER(PrimeBuffer)]
lib.kernels_primes_free.restype = None
# Both text functions take a pointer to bytes and the number of bytes, from the same object.
for text_function in (lib.kernels_count_doubles, lib.kernels_count_doubles_utf32):
    text_function.argtypes = [
        ctypes.c_char_p,  # bytes are passed as a pointer to their buffer, without a copy
        ctypes.c_size_t,
        ctypes.POINTER(ctypes.c_size_t),
    ]
    text_function.restype = ctypes.c_int
lib.kernels_count_equal_neighbours.argtypes = [
    ctypes.c_void_p,  # the array's address, from the buffer protocol (see _py_buffer.py)
    ctypes.c_size_t,  # its length in bytes, from the same buffer
    ctypes.c_size_t,  # the size of one item
    ctypes.POINTER(ctypes.c_size_t),
]
lib.kernels_count_equal_neighbours.restype = ctypes.c_int
lib.kernels_last_error.argtypes = []
lib.kernels_last_error.restype = ctypes.c_char_p
# Data, not a function: the limit as the library itself defines it.
MAX_N = ctypes.c_uint32.in_dll(lib, "KERNELS_MAX_N").value
# ANCHOR_END: declarations


def check(status):
    """Raise the contract's exception for a failed call (see _c_abi.py)."""
    _c_abi.check(status, lib.kernels_last_error)


# ANCHOR: functions
def count_primes(n: int, *, threads: int = 1) -> int:
    count = ctypes.c_size_t()

    def call(function, *arguments):
        # Checked first (count_primes_with): ctypes would wrap 2**64 + 3 to 3 without a word.
        check(getattr(lib, function)(*arguments, ctypes.byref(count)))
        return count.value

    return _c_abi.count_primes_with(call, n, threads)


count_primes.__doc__ = _c_abi.COUNT_PRIMES_DOC


def primes(n: int) -> list[int]:
    """The primes p with 2 <= p <= n, ascending."""
    buffer = PrimeBuffer()  # empty: freeing it before it is filled does nothing
    try:  # the call too: a Ctrl-C that lands just after it must not skip the free
        check(lib.kernels_primes(check_n(n), ctypes.byref(buffer)))
        if buffer.len == 0:
            return []
        # Copy Rust's primes into Python ints, a slice at a time.
        view = primes_view(buffer)
        return _c_abi.build_list(buffer.len, lambda start, stop: view[start:stop].tolist())
    finally:
        lib.kernels_primes_free(ctypes.byref(buffer))  # exactly once, on success or failure


def primes_view(buffer):
    """The primes of a filled, non-empty buffer, in Rust's memory, as a memoryview of
    unsigned ints: no copy. Valid until the buffer is freed."""
    array = (ctypes.c_uint32 * buffer.len).from_address(ctypes.addressof(buffer.data.contents))
    return memoryview(array).cast("B").cast("I")


# ANCHOR: primes_array
class OwnedPrimeBuffer(PrimeBuffer):
    """A PrimeBuffer that frees itself when Python collects it: ctypes's stand-in for an
    owner. Freeing an empty one does nothing, and a freed one is empty."""

    # No new fields, said out loud: PyPy's ctypes otherwise finalises the subclass at its
    # first instance, and refuses (NotImplementedError) once a call has shown PrimeBuffer
    # to libffi, as primes() does.
    _fields_ = []

    def __del__(self):
        lib.kernels_primes_free(ctypes.byref(self))


def primes_array(n: int):
    """The primes p with 2 <= p <= n, ascending, as a numpy array of uint32 over Rust's
    memory (no copy), freed when the array and every view of it are gone."""
    n = check_n(n)
    _c_abi.numpy()  # before the sieve: without numpy, ImportError at once
    buffer = OwnedPrimeBuffer()  # owned before the call: an interrupt cannot orphan it
    check(lib.kernels_primes(n, ctypes.byref(buffer)))
    address = ctypes.cast(buffer.data, ctypes.c_void_p).value
    return _c_abi.array_over(address, buffer.len, owner=buffer)


# ANCHOR_END: primes_array


def count_doubles(s: str) -> int:
    """The number of adjacent equal code points in s."""
    count = ctypes.c_size_t()
    function, text = _c_abi.encode(check_s(s))
    check(getattr(lib, function)(text, len(text), ctypes.byref(count)))
    return count.value


# ANCHOR: count_equal_neighbours
def count_equal_neighbours(buffer) -> int:
    """The number of indices i with buffer[i] == buffer[i + 1], for a one-dimensional,
    contiguous buffer of integers of 1, 2, 4 or 8 bytes, read in place without a copy."""
    count = ctypes.c_size_t()
    # Both exports are held until Rust returns: the memory cannot move or shrink meanwhile,
    # although ctypes releases the GIL for the call.
    with check_buffer(buffer) as view, borrowed(view) as (address, length):
        check(lib.kernels_count_equal_neighbours(address, length, view.itemsize, count))
    return count.value


# ANCHOR_END: count_equal_neighbours
# ANCHOR_END: functions
