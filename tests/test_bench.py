"""The benchmark harness works end to end at tiny sizes. Nothing here looks at the times."""

import importlib.util
import subprocess
import sys

from python_clients.bench import measure, sized
from tests.conftest import UNDER_TEST
from tests.isolated import ROOT


def test_measure_times_every_candidate_every_round():
    calls = {"a": 0, "b": 0}

    def count(label):
        calls[label] += 1

    results = measure({"a": lambda: count("a"), "b": lambda: count("b")}, rounds=4)
    assert set(results) == {"a", "b"}
    assert all(result["median"] > 0 and result["spread"] >= 0 for result in results.values())
    assert calls["a"] >= 4 and calls["b"] >= 4


def test_sized_stops_at_the_first_input_that_is_long_enough():
    assert sized(lambda n: None, lambda k: 10**k, range(2, 5), target=0) == 100


def test_the_quick_run_prints_every_table_for_every_style():
    run = subprocess.run(
        [sys.executable, "-m", "python_clients.bench", "quick"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    for title in (
        "`count_primes(n)`",
        "`primes(n)`",
        "`count_doubles(s)`",
        "One call",
        "Two threads",
    ):
        assert title in run.stdout
    for style in UNDER_TEST:  # the others are named in a note
        assert f"| {style} |" in run.stdout
    if importlib.util.find_spec("primesieve"):
        assert "The race" in run.stdout


def test_the_pypy_run_prints_every_table_with_two_interpreters():
    # Any two interpreters exercise the harness; ./just bench-pypy gives it CPython and PyPy.
    command = [sys.executable, "-m", "python_clients.bench_pypy", "quick"]
    run = subprocess.run(
        [*command, sys.executable, sys.executable],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    for anchor in ("pypy-sieve", "pypy-doubles", "pypy-call", "pypy-first"):
        assert f"<!-- ANCHOR: {anchor} -->" in run.stdout
    for style in UNDER_TEST:
        assert f"| {style} on CPython |" in run.stdout and f"| {style} on PyPy |" in run.stdout
