"""Style 2: the same Rust C ABI through cffi, installed as the milksnake wheel `primes_cffi`.

Compared with ctypes_style.py: no declarations (they come from the cbindgen header), range
checks on every integer argument, and a buffer that frees itself.
"""

import primes_cffi
from primes_cffi import ffi, lib

from . import _c_abi
from ._contract import check_n, check_s


def check(status):
    """Raise the contract's exception for a failed call (see _c_abi.py)."""
    _c_abi.check(status, lambda: ffi.string(lib.kernels_last_error()))


# ANCHOR: functions
def count_primes(n: int) -> int:
    """π(n): the number of primes p with 2 <= p <= n."""
    count = ffi.new("size_t *")
    check(lib.kernels_count_primes(check_n(n), count))
    return count[0]


def primes(n: int) -> list[int]:
    """The primes p with 2 <= p <= n, ascending."""
    status, buffer = primes_cffi.primes_buffer(check_n(n))
    with buffer:  # free it now rather than at the next collection
        check(status)
        return ffi.unpack(buffer.data, buffer.len)


def count_doubles(s: str) -> int:
    """The number of adjacent equal code points in s."""
    count = ffi.new("size_t *")
    if check_s(s).isascii():  # ASCII is its own UTF-8: encoding it is a plain copy
        utf8 = s.encode("utf-8")
        check(lib.kernels_count_doubles(utf8, len(utf8), count))
    else:  # one uint32 per code point, viewed in place by ffi.from_buffer
        utf32 = s.encode(_c_abi.UTF32, "surrogatepass")
        units = ffi.from_buffer("uint32_t[]", utf32)
        check(lib.kernels_count_doubles_utf32(units, len(s), count))
    return count[0]


# ANCHOR_END: functions
