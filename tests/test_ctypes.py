"""What is particular to ctypes: the declarations are the only thing between Python and a
wrong answer."""

import ctypes
import os
import platform
import re
import subprocess
import sys

import pytest

from python_clients import _c_abi, ctypes_style
from python_clients._contract import MAX_THREADS
from tests.isolated import ROOT
from tests.tools import require, valgrind_for_this_python


@pytest.fixture
def undeclared():
    """The same library through a fresh handle, whose functions carry no argtypes at all."""
    return ctypes.CDLL(str(ctypes_style.path))


# ANCHOR: trap
@pytest.mark.skipif(
    platform.machine().lower() not in ("x86_64", "amd64", "aarch64", "arm64"),
    reason="which bits survive an undeclared call depends on the calling convention",
)
def test_without_argtypes_a_big_n_is_silently_truncated(undeclared):
    count = ctypes.c_size_t()
    status = undeclared.kernels_count_primes(2**32 + 3, ctypes.byref(count))
    # ctypes passed 2**32 + 3 as a C int: 3. The call "succeeds" with π(3).
    assert (status, count.value) == (0, 2)


def test_with_the_declarations_the_value_arrives_whole_and_rust_refuses_it():
    count = ctypes.c_size_t()
    status = ctypes_style.lib.kernels_count_primes(2**32 + 3, ctypes.byref(count))
    assert status == 1  # Status::OutOfRange
    assert b"4294967299" in ctypes_style.lib.kernels_last_error()


def test_even_declared_a_uint64_wraps_so_python_checks_first():
    count = ctypes.c_size_t()
    assert ctypes_style.lib.kernels_count_primes(2**64 + 3, ctypes.byref(count)) == 0
    assert count.value == 2  # wrapped to 3 by ctypes before Rust saw it
    with pytest.raises(ValueError, match="4294967295"):
        ctypes_style.count_primes(2**64 + 3)


# ANCHOR_END: trap


def test_a_thread_count_wraps_too_so_python_checks_it_first():
    count = ctypes.c_size_t()
    function = ctypes_style.lib.kernels_count_primes_threads
    assert function(10, 2**64 + 3, ctypes.byref(count)) == 0  # 3 threads, not refused
    assert function(10, -1, ctypes.byref(count)) == 7  # 2**64 - 1: Status::ThreadsOutOfRange
    with pytest.raises(ValueError, match=r"got 18446744073709551619$"):
        ctypes_style.count_primes(10, threads=2**64 + 3)


def test_the_library_and_python_agree_on_the_most_threads():
    library = ctypes.c_size_t.in_dll(ctypes_style.lib, "KERNELS_MAX_THREADS").value
    assert library == MAX_THREADS


def test_rust_messages_reach_python():
    with pytest.raises(ValueError, match="not UTF-8"):
        ctypes_style.check(
            ctypes_style.lib.kernels_count_doubles(b"\xff", 1, ctypes.byref(ctypes.c_size_t()))
        )


def test_library_names_follow_the_platform(monkeypatch):
    for system, name in (("linux", "libx.so"), ("darwin", "libx.dylib"), ("win32", "x.dll")):
        monkeypatch.setattr(_c_abi.sys, "platform", system)
        assert _c_abi.library_path("x").name == name


def test_the_c_abi_is_valgrind_clean_when_driven_from_c(tmp_path):
    """crates/via-ctypes/harness/abi_harness.c allocates and frees buffers through the
    exported functions; valgrind must see no invalid access and no definitely lost byte."""
    valgrind = require("valgrind", "apt install valgrind")
    harness = tmp_path / "abi_harness"
    release = ctypes_style.path.parent
    subprocess.run(
        ["cc", "-std=c11", "-g", "-O1", "-Wall", "-Wextra", "-Werror",
         "-I", ROOT / "crates/via-cffi/include", ROOT / "crates/via-ctypes/harness/abi_harness.c",
         "-o", harness, "-L", release, "-lvia_ctypes", f"-Wl,-rpath,{release}"],
        check=True,
    )  # fmt: skip
    result = subprocess.run(
        [valgrind, "--error-exitcode=1", "--leak-check=full", "--errors-for-leak-kinds=definite",
         harness],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "all checks passed" in result.stdout


# ANCHOR: valgrind_lengths
LENGTHS_UNDER_VALGRIND = """
import ctypes, os, sys
from python_clients import _c_abi, ctypes_style
from python_clients._contract import MAX_THREADS

class Liar(str):
    def __len__(self):
        return 8

for text in ("ééé", "aaa", "😀😀", "\\ud800\\ud800"):
    if sys.argv[1] == "wrong":  # the length from len(s), which the subclass controls
        utf32 = text.encode(_c_abi.UTF32, "surrogatepass")
        lying_length = len(Liar(text)) * 4
        count = ctypes.c_size_t()
        ctypes_style.lib.kernels_count_doubles_utf32(utf32, lying_length, ctypes.byref(count))
    else:
        ctypes_style.count_doubles(Liar(text))
os._exit(0)  # skip the interpreter's shutdown, whose own reads valgrind questions
"""


@pytest.mark.parametrize("way", ["right", "wrong"])
def test_valgrind_sees_no_read_past_the_buffer_and_would_see_one(way):
    """The Python path with lying str subclasses, under valgrind. A small lie does not crash,
    it reads a few bytes too many: valgrind must flag the wrong way, and only that one."""
    valgrind = valgrind_for_this_python()
    result = subprocess.run(
        [valgrind, "--leak-check=no", "--num-callers=40", sys.executable, "-c",
         LENGTHS_UNDER_VALGRIND, way],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONMALLOC": "malloc", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    # valgrind also questions some of CPython's own reads: count only the errors raised
    # inside the Rust library's text functions.
    reports = re.split(r"==\d+== *\n", result.stderr)  # one report per blank valgrind line
    in_rust = [r for r in reports if "Invalid read" in r and "kernels_count_doubles" in r]
    if way == "right":
        assert in_rust == [], in_rust[0]
    else:
        assert in_rust, "valgrind did not see the read past the end: the check proves nothing"


# ANCHOR_END: valgrind_lengths
