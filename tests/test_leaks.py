"""Memory handed across the boundary is freed: resident memory stays flat over many calls."""

import sys

import numpy
import pytest

from python_clients import load
from tests.conftest import NATIVE


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
@pytest.mark.parametrize("function", ["primes", "primes_array"])
@pytest.mark.parametrize("style", NATIVE)
def test_primes_does_not_leak(style, function):
    call = getattr(load(style), function)
    for _ in range(200):  # let the allocator and Python's caches settle first
        call(10**5)
    before = resident_bytes()
    for _ in range(3000):
        call(10**5)
    growth = resident_bytes() - before
    # One leaked buffer per call would be 9592 primes × 4 bytes × 3000 calls ≈ 115 MB.
    assert growth < 8 * 2**20, f"resident memory grew by {growth / 2**20:.1f} MiB"


class Sub(str):
    """Not compact: the copying paths (rust-cpython's UCS-4 copy, Python's str.__str__)."""


# Each leaked call would lose at least the 40 kB of text it copied: 2000 calls, 80 MB.
TEXTS = {
    "subclass": Sub("é" * 10_000),
    "lone surrogates": "\ud800" * 10_000,
    "subclass with surrogates": Sub("a\udc00" * 5_000),
}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
@pytest.mark.parametrize("text", list(TEXTS))
@pytest.mark.parametrize("style", NATIVE)
def test_count_doubles_copies_are_freed(style, text):
    kernels, s = load(style), TEXTS[text]
    for _ in range(100):
        kernels.count_doubles(s)
    before = resident_bytes()
    for _ in range(2000):
        kernels.count_doubles(s)
    growth = resident_bytes() - before
    assert growth < 8 * 2**20, f"resident memory grew by {growth / 2**20:.1f} MiB"


# Fresh objects, each referenced from here only: None or a small int would be shared with
# the whole interpreter, whose own references come and go.
BAD_CALLS = [("count_primes", -(10**30)), ("count_primes", 2**70), ("primes", float("1.5")),
             ("count_doubles", bytes(4)), ("count_doubles", object()),
             ("primes_array", -(10**30)), ("count_equal_neighbours", object()),
             # refused after the buffer was taken: it must be given back on the error path
             ("count_equal_neighbours", numpy.zeros(3)),
             ("count_equal_neighbours", numpy.zeros((2, 2), dtype="u1")),
             ("count_equal_neighbours", numpy.arange(9, dtype="u1")[::3])]  # fmt: skip


def drift(call, argument, calls=100):
    """How many references to `argument` `calls` calls left behind (or took away)."""
    before = sys.getrefcount(argument)
    for _ in range(calls):
        try:
            call(argument)
        except (TypeError, ValueError):
            pass
    return sys.getrefcount(argument) - before


@pytest.mark.parametrize("style", NATIVE)
def test_no_reference_is_kept_or_lost(style):
    """A binding that forgets a Py_DECREF keeps its argument alive for ever; one that
    adds a decref too many frees it while it is in use. Count the references around calls,
    on success and on every error path."""
    kernels = load(style)
    for s in ("abba" * 100, Sub("ééé"), "x\ud800"):
        assert drift(kernels.count_doubles, s) == 0, repr(s)[:20]
    for buffer in (b"aab" * 10_000, bytearray(b"aab"), numpy.ones(20_000, dtype="u8")):
        assert drift(kernels.count_equal_neighbours, buffer) == 0, type(buffer)
    for function, argument in BAD_CALLS:
        assert drift(getattr(kernels, function), argument) == 0, (function, argument)


def test_the_reference_count_sees_a_kept_reference():
    """The control: a call that keeps its argument is caught."""
    kept = []
    assert drift(kept.append, Sub("ééé")) == 100
