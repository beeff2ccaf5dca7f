"""The pure-Python baseline: the algorithms from the talks, written the way the talks wrote
them, behind the contract's checks."""

import re
import struct

from ._contract import MAX_N, check_buffer, check_n, check_s, check_threads

__all__ = [
    "MAX_N",
    "count_doubles",
    "count_doubles_re",
    "count_equal_neighbours",
    "count_primes",
    "primes",
    "primes_array",
]


# ANCHOR: sieve
def sieve(n):
    """The set-based sieve from the 2015 talk: remember every crossed-out number in a set."""
    not_primes = set()
    primes = []
    for i in range(2, n + 1):
        if i in not_primes:
            continue
        not_primes.update(range(i * i, n + 1, i))
        primes.append(i)
    return primes


# ANCHOR_END: sieve


# ANCHOR: doubles
def count_doubles_zip(val):
    """Pair every character with the next one, as the 2018 talk did."""
    total = 0
    for c1, c2 in zip(val, val[1:]):  # noqa: RUF007 (the talk's own code)
        if c1 == c2:
            total += 1
    return total


# A lookahead finds overlapping pairs ("aaa" has two). DOTALL lets "." match "\n" too:
# without it, "\n\n" would not count.
DOUBLE_RE = re.compile(r"(?=(.)\1)", re.DOTALL)


def count_doubles_regex(val):
    """The regex variant from the same talk."""
    return len(DOUBLE_RE.findall(val))


# ANCHOR_END: doubles


def count_primes(n: int, *, threads: int = 1) -> int:
    """π(n): the number of primes p with 2 <= p <= n.

    threads (0 to 1024) is checked as the native styles check it, and ignored: a baseline
    counts on the calling thread."""
    n = check_n(n)
    check_threads(threads)  # checked as everywhere, then counted on this thread
    return len(sieve(n))


def primes(n: int) -> list[int]:
    """The primes p with 2 <= p <= n, ascending."""
    return sieve(check_n(n))


def count_doubles(s: str) -> int:
    """The number of adjacent equal code points in s."""
    return count_doubles_zip(check_s(s))


def count_doubles_re(s: str) -> int:
    """count_doubles through the regex variant, for the book and the benchmarks."""
    return count_doubles_regex(check_s(s))


# ANCHOR: arrays
def primes_array(n: int):
    """The primes as a numpy array of uint32: the list, converted one int at a time."""
    n = check_n(n)  # before numpy: a bad n is refused whether numpy is there or not
    import numpy  # noqa: PLC0415 (only this function needs numpy)

    return numpy.array(sieve(n), dtype=numpy.uint32)


def count_equal_neighbours(buffer) -> int:
    """The number of indices i with buffer[i] == buffer[i + 1], item by item in Python.

    Each item is read as its bytes (struct's "4s" for 4-byte items): equal integers have
    equal bytes, whatever their byte order, which a memoryview cannot always decode.
    """
    with check_buffer(buffer) as view:
        items = struct.iter_unpack(f"{view.itemsize}s", view)  # holds an export of view
        try:
            total, previous = 0, None
            for (item,) in items:  # in this frame, so that a KeyboardInterrupt lands here
                total += item == previous
                previous = item
            return total
        finally:
            # A traceback keeps this frame, and would keep the iterator's export with it:
            # the view could not be released, nor the caller's bytearray resized.
            del items


# ANCHOR_END: arrays
