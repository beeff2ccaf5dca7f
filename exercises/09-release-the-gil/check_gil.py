"""The check of exercise 09 (do not edit): run it with `./just exercise 9`."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
from native import build_and_import

from tests.gil_detector import ran_python_during

# Sized so that without the GIL the work lets the main thread run about a thousand times
# per call. A function that holds the GIL for the work, and gives it up only for an instant
# before or after it, lets it run 0 to 2 times.
LIMIT = 300_000
TICKS = 100


@pytest.fixture(scope="module")
def ex09():
    return build_and_import("ex09")


def test_the_answer(ex09):
    assert ex09.collatz_steps(10) == 67


def test_other_threads_run_while_it_works(ex09):
    assert ran_python_during(lambda: ex09.collatz_steps(LIMIT), attempts=3, ticks=TICKS), (
        f"the main thread ran fewer than {TICKS} times while collatz_steps worked:"
        " the GIL was held for the work"
    )
