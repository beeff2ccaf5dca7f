"""The checks of count_primes's threads (CONTRACT.md, "Counting on several threads"), run
against the deliberately wrong implementations of tests/wrong_threads.py: each must be
caught by the checks this table names. A check that passes a wrong answer proves nothing.
"""

import sys

import pytest

from tests import hostile
from tests.isolated import outcomes_per_style, subject
from tests.test_contract import (
    THREADS_CALLS,
    bad_threads_problems,
    gil_enabled,
    thread_value_problems,
    threaded_gil_problems,
)
from tests.test_hostile import (
    argument_problems,
    count_interrupt_problems,
    interrupted_count,
    odd_threads_problems,
    signature_problems,
)
from tests.wrong_threads import CPYTHON_ONLY, WRONG

ARGUMENT_CALLS = [call for call in hostile.ARGUMENT_CALLS if call[0] == "count_primes"]
outcomes = outcomes_per_style(
    THREADS_CALLS + hostile.THREADS_CALLS + ARGUMENT_CALLS, prelude=hostile.PRELUDE
)

# Each check, as the suites run it on a style, for a subject ("wrong:NAME").
CHECKS = {
    "values": lambda name: thread_value_problems(subject(name)),
    "bad_threads": lambda name: bad_threads_problems(outcomes(name)),
    "odd_threads": lambda name: odd_threads_problems(outcomes(name)),
    "arguments": lambda name: [
        problem
        for call in ARGUMENT_CALLS
        for problem in argument_problems(outcomes(name)[call], call)
    ],
    "signature": lambda name: signature_problems(subject(name), "count_primes"),
    "gil": lambda name: threaded_gil_problems(subject(name), attempts=3),
    "ctrl_c": lambda name: count_interrupt_problems(interrupted_count(name)),
}

# ANCHOR: wrong_versions
# Each wrong implementation, and the checks that must catch it.
CAUGHT_BY = {
    "positional_threads": ["arguments", "signature"],
    "thread_starting_default": ["signature"],
    "swapped_arguments": ["values"],
    "unchecked_threads": ["bad_threads"],
    "clamped_threads": ["bad_threads", "odd_threads"],
    "int_threads": ["bad_threads", "odd_threads"],
    "threads_first": ["bad_threads"],
    "undocumented_threads": ["signature"],
    "gil_holding_count": ["gil", "ctrl_c"],
    "deaf_count": ["ctrl_c"],
}


@pytest.mark.parametrize(
    ("wrong", "check"), [(wrong, check) for wrong, checks in CAUGHT_BY.items() for check in checks]
)
def test_each_check_catches_its_wrong_version(wrong, check):
    if wrong not in WRONG:
        pytest.skip(f"{wrong} is made of ctypes.PyDLL, CPython's alone, which PyPy lacks")
    if check == "gil" and not gil_enabled():
        pytest.skip("this interpreter runs without a GIL: there is none to hold")
    if check == "ctrl_c" and not sys.platform.startswith("linux"):
        pytest.skip("tests/ctrl_c.py reads /proc")
    assert CHECKS[check](f"wrong:{wrong}"), f"{check} passed wrong:{wrong}"


# ANCHOR_END: wrong_versions


def test_every_wrong_version_is_checked():
    assert set(CAUGHT_BY) == set(WRONG) | (CPYTHON_ONLY - set(WRONG))
