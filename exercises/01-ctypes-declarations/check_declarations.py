"""The check of exercise 01 (do not edit): run it with `./just exercise 1`."""

import ctypes
import subprocess
import sys
import types
from pathlib import Path

import pytest
from declare import declare

from python_clients._c_abi import ROOT, library_path

SIZE_OUT = ctypes.POINTER(ctypes.c_size_t)  # size_t *count
# What ctypes accepts for `const uint8_t *` when it is handed a bytes object.
BYTES_IN = (ctypes.c_char_p, ctypes.c_void_p)


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


# A wrong type can still pass the calls above on one machine (small values, a register wider
# than the type): the declarations themselves must match the C signatures.
@pytest.mark.parametrize("name", ["kernels_count_primes", "kernels_count_doubles"])
def test_the_result_is_the_status_an_int(lib, name):
    restype = getattr(lib, name).restype
    assert restype is ctypes.c_int, f"{name}.restype is {restype}: Status is a C enum, an int"


def test_count_primes_takes_a_uint64_and_a_size_t_pointer(lib):
    argtypes = list(lib.kernels_count_primes.argtypes or [])
    assert argtypes == [ctypes.c_uint64, SIZE_OUT], f"argtypes {argtypes}"


def test_count_doubles_takes_bytes_a_size_t_length_and_a_size_t_pointer(lib):
    data, *rest = lib.kernels_count_doubles.argtypes or [None]
    assert data in BYTES_IN, f"the data is {data}: a pointer that a bytes object converts to"
    assert rest == [ctypes.c_size_t, SIZE_OUT], f"then {rest}: the length is a size_t"


class Recorded:
    """A stand-in for a library: its functions keep the argtypes and restype they are given."""

    def __getattr__(self, name):
        function = types.SimpleNamespace(argtypes=None, restype=None)
        setattr(self, name, function)
        return function


def test_size_t_is_named_size_t():
    """On Linux x86_64 ctypes.c_size_t, c_uint64 and c_ulong are one and the same type: the
    tests above cannot tell them apart, and the wrong one breaks on other platforms (size_t is
    32 bits where pointers are; unsigned long is 32 bits on Windows). So declare.py is run
    again with a ctypes whose c_size_t and c_uint64 are types of their own."""
    apart = types.ModuleType("ctypes")
    apart.__dict__.update(vars(ctypes))
    apart.c_size_t = type("c_size_t", (ctypes.c_size_t,), {})
    apart.c_uint64 = type("c_uint64", (ctypes.c_uint64,), {})
    source = Path(__file__).with_name("declare.py")
    module = types.ModuleType("declare_apart")
    real, sys.modules["ctypes"] = sys.modules["ctypes"], apart  # for `from ctypes import …`
    try:
        exec(compile(source.read_text(), str(source), "exec"), module.__dict__)
    finally:
        sys.modules["ctypes"] = real
    lib = module.declare(Recorded())
    size_out = ctypes.POINTER(apart.c_size_t)
    primes = list(lib.kernels_count_primes.argtypes or [])
    assert primes == [apart.c_uint64, size_out], (
        f"kernels_count_primes.argtypes {names(primes)}: n is a uint64_t (ctypes.c_uint64),"
        " count a size_t * (ctypes.POINTER(ctypes.c_size_t))"
    )
    doubles = list(lib.kernels_count_doubles.argtypes or [])[1:]
    assert doubles == [apart.c_size_t, size_out], (
        f"kernels_count_doubles.argtypes end with {names(doubles)}: the length is a size_t"
        " (ctypes.c_size_t), count a size_t * (ctypes.POINTER(ctypes.c_size_t))"
    )


def names(types_):
    return [getattr(t, "__name__", repr(t)) for t in types_]
