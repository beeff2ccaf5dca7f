"""What is particular to ctypes: the declarations are the only thing between Python and a
wrong answer."""

import ctypes
import platform
import subprocess

import pytest

from python_clients import _c_abi, ctypes_style
from tests.isolated import ROOT
from tests.tools import require


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
