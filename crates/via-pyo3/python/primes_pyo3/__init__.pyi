"""The sieve and count_doubles kernels in Rust, through PyO3."""

from typing import Any, SupportsIndex

import numpy
import numpy.typing
from typing_extensions import Buffer

__all__ = [
    "MAX_N",
    "count_doubles",
    "count_equal_neighbours",
    "count_primes",
    "primes",
    "primes_array",
]

MAX_N: int

def count_primes(n: SupportsIndex, *, threads: SupportsIndex = 1) -> int:
    """The number of primes p with 2 <= p <= n, on `threads` threads."""

def primes(n: SupportsIndex) -> list[int]:
    """The primes p with 2 <= p <= n, ascending, as a list of int."""

def count_doubles(s: str) -> int:
    """The number of indices i with s[i] == s[i + 1], comparing code points."""

def primes_array(n: SupportsIndex) -> numpy.typing.NDArray[numpy.uint32]:
    """The primes p with 2 <= p <= n, ascending, as a numpy array of uint32."""

# numpy's stubs give ndarray its __buffer__ only for Python 3.12 and later: named here too, so
# that a type checker targeting 3.11 accepts numpy arrays.
def count_equal_neighbours(buffer: Buffer | numpy.ndarray[Any, Any]) -> int:
    """The number of indices i with buffer[i] == buffer[i + 1], for a one-dimensional,
    contiguous buffer of integers of 1, 2, 4 or 8 bytes (bytes, bytearray, array.array,
    numpy arrays), read in place without a copy."""
