"""The check of exercise 09 (do not edit): run it with `./just exercise 9`."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
from native import build_and_import

from tests.gil_detector import SHARE, ran_python_for_most_of

# Sized so that without the GIL the work lets the main thread run a few thousand times per
# call (a few hundred for a fast solution). A function that holds the GIL for the work, and
# gives it up only for an instant before or after it, lets it run 0 to 2 times; one that
# holds it for half the work, about half as often as it could.
LIMIT = 300_000


@pytest.fixture(scope="module")
def ex09():
    return build_and_import("ex09")


def test_the_answer(ex09):
    assert ex09.collatz_steps(10) == 67
    assert ex09.collatz_steps(LIMIT) == 35_669_725


def test_other_threads_run_while_it_works(ex09):
    """Not only now and then: the main thread must run about as often as it does beside work
    that holds no GIL at all, or the GIL was held for some of the work."""
    passed, share = ran_python_for_most_of(lambda: ex09.collatz_steps(LIMIT))
    assert passed, (
        f"while collatz_steps worked, the main thread ran {share:.0%} as often as it does when"
        f" no GIL is held, not {SHARE:.0%}: the GIL was held for the work, or for part of it"
    )
