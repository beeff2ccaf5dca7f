"""The check of exercise 10 (do not edit): one contract, three styles."""

import ctypes
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
import styles
from native import build_and_import, library


@pytest.fixture(scope="module", params=["pure-python", "ctypes", "pyo3"])
def sum_primes(request):
    module = build_and_import("ex10")  # builds the library the ctypes style loads, too
    return {
        "pure-python": styles.pure_python,
        "ctypes": styles.ctypes_style,
        "pyo3": module.sum_primes,
    }[request.param]


@pytest.mark.parametrize(("n", "total"), [(0, 0), (1, 0), (2, 2), (10, 17), (100, 1060),
                                          (10**6, 37_550_402_023)])  # fmt: skip
def test_reference_values(sum_primes, n, total):
    assert sum_primes(n) == total


@pytest.mark.parametrize("n", [-1, 10**7 + 1, 2**64 + 3])
def test_out_of_range_is_a_value_error(sum_primes, n):
    with pytest.raises((ValueError, OverflowError)):
        sum_primes(n)


def test_the_styles_agree(sum_primes):
    for n in range(0, 3000, 7):
        assert sum_primes(n) == styles.pure_python(n)


def test_the_c_door_refuses_a_null_out_pointer():
    build_and_import("ex10")
    function = ctypes.CDLL(str(library("ex10"))).ex10_sum_primes
    function.argtypes = [ctypes.c_uint64, ctypes.POINTER(ctypes.c_uint64)]
    assert function(10, None) == 1
