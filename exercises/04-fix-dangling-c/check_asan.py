"""The check of exercise 04 (do not edit): run it with `./just exercise 4`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FLAGS = ["-std=c11", "-g", "-O1", "-Wall", "-fsanitize=address", "-fno-omit-frame-pointer"]
# A stack frame is only kept poisoned after its return with detect_stack_use_after_return.
# LeakSanitizer (detect_leaks) comes with ASan on Linux; Apple's clang aborts when asked for it.
# abort_on_error=0: an exit status, not an abort and a crash report (the default on macOS).
OPTIONS = ["detect_stack_use_after_return=1", "abort_on_error=0"]
if sys.platform.startswith("linux"):
    OPTIONS.append("detect_leaks=1")


def output_under_address_sanitizer(source, tmp_path):
    """Build `source` with ASan, run it, and return what it printed, once the run is clean."""
    binary = tmp_path / source.stem
    subprocess.run(["cc", *FLAGS, str(source), "-o", str(binary)], check=True)
    env = {**os.environ, "ASAN_OPTIONS": ":".join(OPTIONS)}
    run = subprocess.run([binary], capture_output=True, text=True, env=env, check=False)
    if "Sanitizer" in run.stderr or run.returncode != 0:
        pytest.fail(f"{source.name} exits with {run.returncode}:\n{run.stdout}{run.stderr}", False)
    return run.stdout.strip()


def test_the_program_is_clean_under_address_sanitizer(tmp_path):
    expected = "first 10 primes: 2 3 5 7 11 13 17 19 23 29"
    assert output_under_address_sanitizer(HERE / "first_primes.c", tmp_path) == expected


def test_two_results_live_at_once_and_each_is_freed(tmp_path):
    """Memory that every call shares (a static array) cannot give two results at once."""
    assert output_under_address_sanitizer(HERE / "two_results.c", tmp_path) == "ok"
