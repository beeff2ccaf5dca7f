"""What a Python user would reach for before writing any Rust: numpy."""

import math

import numpy as np

from ._contract import MAX_N, check_buffer, check_n, check_s, check_threads

__all__ = [
    "MAX_N",
    "count_doubles",
    "count_equal_neighbours",
    "count_primes",
    "primes",
    "primes_array",
]


# ANCHOR: sieve
def sieve(n):
    """A boolean table: is_prime[i] is True exactly when i is prime."""
    is_prime = np.ones(n + 1, dtype=bool)
    is_prime[:2] = False
    for p in range(2, math.isqrt(n) + 1):
        if is_prime[p]:
            is_prime[p * p :: p] = False
    return is_prime


# ANCHOR_END: sieve


# ANCHOR: doubles
def code_point_doubles(s):
    """Compare neighbours as 32-bit code points. UTF-8 bytes would count "₂" as a double;
    UTF-32 gives one number per character ("surrogatepass" keeps lone surrogates exact)."""
    code_points = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return int(np.count_nonzero(code_points[1:] == code_points[:-1]))


# ANCHOR_END: doubles


def count_primes(n: int, *, threads: int = 1) -> int:
    """π(n): the number of primes p with 2 <= p <= n.

    threads (0 to 1024) is checked as the native styles check it, and ignored: a baseline
    counts on the calling thread."""
    n = check_n(n)
    check_threads(threads)  # checked as everywhere, then counted on this thread
    return int(np.count_nonzero(sieve(n)))


def primes(n: int) -> list[int]:
    """The primes p with 2 <= p <= n, ascending."""
    return np.flatnonzero(sieve(check_n(n))).tolist()


def count_doubles(s: str) -> int:
    """The number of adjacent equal code points in s."""
    return code_point_doubles(check_s(s))


# ANCHOR: arrays
def primes_array(n: int) -> np.ndarray:
    """The primes p with 2 <= p <= n, ascending, as a numpy array of uint32."""
    return np.flatnonzero(sieve(check_n(n))).astype(np.uint32)


def count_equal_neighbours(buffer) -> int:
    """The number of indices i with buffer[i] == buffer[i + 1], for a one-dimensional,
    contiguous buffer of integers of 1, 2, 4 or 8 bytes, viewed in place."""
    with check_buffer(buffer) as view:
        # Unsigned ints of the item's size: equal exactly when the bytes are, in any byte
        # order, which is all equality needs.
        items = np.frombuffer(view, dtype=f"u{view.itemsize}")  # holds an export of view
        try:
            return int(np.count_nonzero(items[1:] == items[:-1]))
        finally:
            del items  # before the view is released, even when a traceback keeps this frame


# ANCHOR_END: arrays
