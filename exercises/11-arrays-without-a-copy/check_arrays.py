"""The check of exercise 11 (do not edit): run it with `./just exercise 11`.

Nothing here is timed: Rust's allocator counts the bytes it hands out (src/counting.rs). A
copy made in Rust shows up in its count, and so does a Vec that an array holds; numpy's own
memory never does.
"""

import gc
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
from native import build_and_import

# 4,000,000 bytes of uint32: a copy of it cannot hide among the bytes a call needs anyway.
LENGTH = 1_000_000
# What count_equal may allocate per call: rust-numpy's bookkeeping of borrowed arrays takes
# a couple of hundred bytes. A copy of even 1,000 of the array's items would take more.
ALMOST_NOTHING = 4096
# 78,498 primes, 313,992 bytes: far more than anything else a call leaves behind.
N = 1_000_000


@pytest.fixture(scope="module")
def ex11():
    module = build_and_import("ex11")
    # The first calls allocate what lives as long as the module does (rust-numpy's table of
    # borrowed arrays, among others): made here, it is not blamed on a call below.
    module.count_equal(np.zeros(2, dtype=np.uint32))
    module.primes_array(10)
    gc.collect()
    return module


def neighbours(values):
    return sum(a == b for a, b in pairwise(values))


def reference_primes(n):
    """The primes p <= n, in Python."""
    composite = bytearray(n + 1)
    found = []
    for i in range(2, n + 1):
        if not composite[i]:
            found.append(i)
            composite[i * i :: i] = b"\x01" * len(range(i * i, n + 1, i))
    return found


# -- count_equal: borrowing numpy's memory ---------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [[], [7], [5, 5, 5, 5], [1, 2, 2, 3, 3, 3, 1], [0, 2**32 - 1, 2**32 - 1, 0]],
    ids=["empty", "one", "all-equal", "runs", "extremes"],
)
def test_count_equal_answers(ex11, values):
    got = ex11.count_equal(np.array(values, dtype=np.uint32))
    assert got == neighbours(values), f"count_equal({values}) returned {got}"


def test_count_equal_reads_the_array_in_place(ex11):
    """A call may allocate a few bytes of bookkeeping, not a copy of the array."""
    a = np.arange(LENGTH, dtype=np.uint32) // 3  # 0, 0, 0, 1, 1, 1, …
    before = ex11.allocated_bytes()
    got = ex11.count_equal(a)
    allocated = ex11.allocated_bytes() - before
    assert got == LENGTH - (LENGTH + 2) // 3, f"count_equal returned {got}"
    assert allocated <= ALMOST_NOTHING, (
        f"count_equal copied the array: {allocated:,} bytes allocated during one call, for an"
        f" array of {a.nbytes:,} bytes. Read numpy's memory where it is"
    )


def test_an_array_that_is_not_contiguous_is_an_exception_not_a_panic(ex11):
    """Every other item of an array has gaps between its items: no slice can hold it. The
    right count, read in place some other way, is fine too."""
    strided = np.array([4, 0, 4, 0, 9, 0], dtype=np.uint32)[::2]  # 4, 4, 9
    try:
        got = ex11.count_equal(strided)
    except Exception:  # rust-numpy's error, raised as Python's TypeError: right
        return
    except BaseException as error:  # a panic is pyo3_runtime.PanicException: not an Exception
        if type(error).__name__ != "PanicException":
            raise
        pytest.fail(
            f"count_equal panicked on an array that is not contiguous ({error}): let Python see"
            " rust-numpy's error instead, as an exception"
        )
    assert got == 1, f"count_equal returned {got} for every other item of [4, 0, 4, 0, 9, 0]"


# -- primes_array: handing a Vec over ------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 3, 30, 7919, 100_000])
def test_primes_array_answers(ex11, n):
    a = ex11.primes_array(n)
    assert isinstance(a, np.ndarray), f"primes_array returned a {type(a).__name__}, not an array"
    assert (a.dtype, a.ndim) == (np.uint32, 1), f"a {a.ndim}-D array of {a.dtype}, not uint32"
    assert a.tolist() == reference_primes(n)


def test_the_array_owns_rusts_vec(ex11):
    """Handed over, the Vec is numpy's memory: it stays in Rust's count while the array lives.
    A copy into numpy's own memory lets the Vec go at once, and Rust's count with it."""
    gc.collect()
    before = ex11.live_bytes()
    a = ex11.primes_array(N)
    held = ex11.live_bytes() - before
    nbytes, count = a.nbytes, len(a)
    assert held >= nbytes, (
        f"the array does not own Rust's Vec: while it lives, Rust's allocator holds {held:,}"
        f" bytes, not the {nbytes:,} of its {count:,} primes. numpy copied them into memory"
        " of its own, and the Vec was freed"
    )


def test_the_primes_are_freed_with_the_array(ex11):
    gc.collect()
    before = ex11.live_bytes()
    for _ in range(3):
        a = ex11.primes_array(N)
        nbytes = a.nbytes
        del a
        gc.collect()
    leaked = ex11.live_bytes() - before
    assert leaked == 0, (
        f"the primes were never freed: three arrays of {nbytes:,} bytes each came and went,"
        f" and Rust's allocator still holds {leaked:,} bytes more than before them"
    )


def test_a_slice_keeps_the_primes_alive(ex11):
    """A slice reads the same memory: the Vec must outlive the array it came in."""
    gc.collect()
    before = ex11.live_bytes()
    a = ex11.primes_array(N)
    nbytes = a.nbytes
    tail = a[-3:]
    del a
    gc.collect()
    held = ex11.live_bytes() - before
    assert held >= nbytes, (
        f"the array does not own Rust's Vec: with the array deleted and a slice of it alive,"
        f" Rust's allocator holds {held:,} bytes, not the {nbytes:,} the slice reads"
    )
    assert tail.tolist() == [999_961, 999_979, 999_983]
    del tail
    gc.collect()
    leaked = ex11.live_bytes() - before
    assert leaked == 0, (
        f"the primes were never freed: Rust's allocator still holds {leaked:,} bytes more"
        " after the array and its slice were deleted"
    )
