"""The check of exercise 01 (do not edit): run it with `./just exercise 1`."""

import ctypes
import subprocess

import pytest
from declare import declare

from python_clients._c_abi import ROOT, library_path


@pytest.fixture(scope="module")
def lib():
    build = ["cargo", "build", "--quiet", "--release", "-p", "via-ctypes"]
    subprocess.run(build, cwd=ROOT, check=True)
    return declare(ctypes.CDLL(str(library_path("via_ctypes"))))


def test_a_big_n_arrives_whole_and_is_refused(lib):
    count = ctypes.c_size_t()
    status = lib.kernels_count_primes(2**32 + 3, ctypes.byref(count))
    assert status == 1, f"status {status}, count {count.value}: was n cut to 32 bits?"


def test_counts_still_work(lib):
    count = ctypes.c_size_t()
    assert lib.kernels_count_primes(100, ctypes.byref(count)) == 0
    assert count.value == 25


def test_strings_go_as_pointer_and_length(lib):
    count = ctypes.c_size_t()
    assert lib.kernels_count_doubles(b"aa\0bb", 5, ctypes.byref(count)) == 0
    assert count.value == 2


def test_every_parameter_is_declared(lib):
    assert len(lib.kernels_count_primes.argtypes) == 2
    assert len(lib.kernels_count_doubles.argtypes) == 3
    assert lib.kernels_count_doubles.restype is ctypes.c_int
