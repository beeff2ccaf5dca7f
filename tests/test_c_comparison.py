"""The C detour: the dangling sieve is caught by AddressSanitizer and valgrind, the fixed one
is clean and right. (The Rust port's E0515 is pinned by trybuild in `cargo test`.)"""

import os
import subprocess

import pytest

from tests.isolated import ROOT
from tests.tools import require

C = ROOT / "c_comparison"
COUNTS = "n = 10: 4 primes", "n = 100: 25 primes", "n = 1000000: 78498 primes"


@pytest.fixture(scope="module", autouse=True)
def binaries():
    subprocess.run(["make", "-s", "-C", C, "all"], check=True)


def run(*command, **env):
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )


def test_asan_reports_the_stack_use_after_return():
    result = run(C / "out/dangling-asan", 100, ASAN_OPTIONS="detect_stack_use_after_return=1")
    assert result.returncode != 0
    assert "ERROR: AddressSanitizer: stack-use-after-return" in result.stderr
    assert "'primes'" in result.stderr  # names the dead array


def test_valgrind_reports_an_invalid_read_of_the_dead_frame():
    valgrind = require("valgrind", "apt install valgrind")
    result = run(valgrind, C / "out/dangling", 10)
    assert "Invalid read" in result.stderr
    assert "stack" in result.stderr


def test_the_fixed_sieve_is_right_and_asan_clean():
    result = run(
        C / "out/fixed-asan", 10, 100, 1000000, ASAN_OPTIONS="detect_stack_use_after_return=1"
    )
    assert result.returncode == 0, result.stderr
    assert "AddressSanitizer" not in result.stderr
    for line in COUNTS:
        assert line in result.stdout


def test_the_fixed_sieve_is_valgrind_clean():
    valgrind = require("valgrind", "apt install valgrind")
    result = run(
        valgrind, "--error-exitcode=1", "--leak-check=full", C / "out/fixed", 10, 100, 1000000
    )
    assert result.returncode == 0, result.stderr
    assert "ERROR SUMMARY: 0 errors" in result.stderr
    assert "All heap blocks were freed" in result.stderr
    for line in COUNTS:
        assert line in result.stdout
