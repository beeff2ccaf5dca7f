"""The check of exercise 10 (do not edit): one contract, three styles, and the C door itself."""

import ctypes
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
import styles
from native import build_and_import, library

REFERENCE_VALUES = [(0, 0), (1, 0), (2, 2), (10, 17), (100, 1060), (10**6, 37_550_402_023)]
LIMIT = 10**7
# The pure-Python reference, and its answers, taken before any check replaces it.
PURE_PYTHON = styles.pure_python
EXPECTED = {n: PURE_PYTHON(n) for n in range(0, 3000, 7)}


@pytest.fixture(scope="module", params=["pure-python", "ctypes", "pyo3"])
def sum_primes(request):
    module = build_and_import("ex10")  # builds the library the ctypes style loads, too
    return {
        "pure-python": styles.pure_python,
        "ctypes": styles.ctypes_style,
        "pyo3": module.sum_primes,
    }[request.param]


@pytest.fixture(autouse=True)
def no_borrowed_answers(request, monkeypatch):
    """The ctypes style must ask the library, not the pure-Python reference: while its cases
    run, the reference raises."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or callspec.params.get("sum_primes") != "ctypes":
        return
    assert getattr(styles.ctypes_style, "__code__", None) is not PURE_PYTHON.__code__, (
        "ctypes_style is pure_python: it must call the library"
    )

    def borrowed(n):
        raise AssertionError("ctypes_style called pure_python: it must call the library")

    monkeypatch.setattr(styles, "pure_python", borrowed)


@pytest.mark.parametrize(("n", "total"), REFERENCE_VALUES)
def test_reference_values(sum_primes, n, total):
    assert sum_primes(n) == total


@pytest.mark.parametrize("n", [-1, 10**7 + 1, 2**64 + 3])
def test_out_of_range_is_a_value_error(sum_primes, n):
    with pytest.raises((ValueError, OverflowError)):
        sum_primes(n)


def test_the_styles_agree(sum_primes):
    for n, total in EXPECTED.items():
        assert sum_primes(n) == total, f"n = {n}"


# -- the C door, called directly: what the ctypes style might hide --------------------------


@pytest.fixture(scope="module")
def c_door():
    build_and_import("ex10")
    function = ctypes.CDLL(str(library("ex10"))).ex10_sum_primes
    function.argtypes = [ctypes.c_uint64, ctypes.POINTER(ctypes.c_uint64)]
    function.restype = ctypes.c_int
    return function


@pytest.mark.parametrize(("n", "total"), REFERENCE_VALUES)
def test_the_c_door_writes_the_sum(c_door, n, total):
    out = ctypes.c_uint64(12345)
    status = c_door(n, ctypes.byref(out))
    assert (status, out.value) == (0, total), f"ex10_sum_primes({n}, &out): status, out"


@pytest.mark.parametrize("n", [LIMIT + 1, 2**32 + 3])
def test_the_c_door_refuses_a_large_n(c_door, n):
    out = ctypes.c_uint64(12345)
    status = c_door(n, ctypes.byref(out))
    assert status == 1, f"ex10_sum_primes({n}, &out) returned {status}: n > LIMIT is status 1"
    assert out.value == 12345, "out must be left alone when the status is not 0"


def test_the_c_door_refuses_a_null_out_pointer(c_door):
    assert c_door(10, None) == 1
