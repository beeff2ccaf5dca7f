"""Style 2: the same Rust C ABI through cffi, installed as the wheel `primes_cffi`.

Compared with ctypes_style.py: no declarations (they come from the cbindgen header), range
checks on every integer argument, and a buffer that frees itself.
"""

import primes_cffi
from primes_cffi import ffi, lib

from . import _c_abi
from ._contract import check_buffer, check_n, check_s

# Data, not a function: the limit as the library itself defines it (the header declares it).
MAX_N = lib.KERNELS_MAX_N


def check(status):
    """Raise the contract's exception for a failed call (see _c_abi.py)."""
    _c_abi.check(status, lambda: ffi.string(lib.kernels_last_error()))


# ANCHOR: functions
def count_primes(n: int, *, threads: int = 1) -> int:
    count = ffi.new("size_t *")

    def call(function, *arguments):
        check(getattr(lib, function)(*arguments, count))
        return count[0]

    return _c_abi.count_primes_with(call, n, threads)


count_primes.__doc__ = _c_abi.COUNT_PRIMES_DOC


def primes(n: int) -> list[int]:
    """The primes p with 2 <= p <= n, ascending."""
    status, buffer = primes_cffi.primes_buffer(check_n(n))
    with buffer:  # free it now rather than at the next collection
        check(status)
        return _c_abi.build_list(
            buffer.len, lambda start, stop: ffi.unpack(buffer.data + start, stop - start)
        )


# ANCHOR: primes_array
def primes_array(n: int):
    """The primes p with 2 <= p <= n, ascending, as a numpy array of uint32 over Rust's
    memory (no copy), freed when the array and every view of it are gone."""
    n = check_n(n)
    _c_abi.numpy()  # before the sieve: without numpy, ImportError at once
    status, buffer = primes_cffi.primes_buffer(n)
    check(status)
    address = int(ffi.cast("uintptr_t", buffer.data))
    return _c_abi.array_over(address, buffer.len, owner=buffer)  # ffi.gc frees it with buffer


# ANCHOR_END: primes_array


def count_doubles(s: str) -> int:
    """The number of adjacent equal code points in s."""
    count = ffi.new("size_t *")
    function, text = _c_abi.encode(check_s(s))
    check(getattr(lib, function)(text, len(text), count))
    return count[0]


# ANCHOR: count_equal_neighbours
def count_equal_neighbours(buffer) -> int:
    """The number of indices i with buffer[i] == buffer[i + 1], for a one-dimensional,
    contiguous buffer of integers of 1, 2, 4 or 8 bytes, read in place without a copy."""
    count = ffi.new("size_t *")
    # ffi.from_buffer borrows any buffer, read-only too, and holds its export until the
    # with block ends: the memory cannot move or shrink while Rust reads without the GIL.
    with check_buffer(buffer) as view, ffi.from_buffer("uint8_t[]", view) as data:
        check(lib.kernels_count_equal_neighbours(data, view.nbytes, view.itemsize, count))
    return count[0]


# ANCHOR_END: count_equal_neighbours
# ANCHOR_END: functions
