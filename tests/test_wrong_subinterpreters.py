"""The subinterpreter check of tests/test_hostile.py, run against the deliberately wrong
modules of tests/wrong_subinterpreters.py under the rules for a style that must refuse
every subinterpreter (pyo3's): each must be caught in the orders this table names. A check
that passes a wrong answer proves nothing.
"""

import pytest

from tests.test_hostile import in_interpreters, subinterpreter_problems
from tests.wrong_subinterpreters import WRONG

# Each wrong version, and the orders of imports in which the check must catch it.
CAUGHT_BY = {
    "loads_everywhere": ["sub", "main-sub", "legacy", "main-legacy"],
    "runtime_error": ["sub", "legacy"],
    "unexplained": ["sub", "legacy"],
    "refusal_remembered": ["sub-main", "legacy-main"],
}


@pytest.mark.parametrize(
    ("wrong", "order"), [(wrong, order) for wrong, orders in CAUGHT_BY.items() for order in orders]
)
def test_the_subinterpreter_check_catches_each_wrong_version(wrong, order, tmp_path):
    env = {"WRONG_SUBINTERPRETERS": wrong, "WRONG_SUBINTERPRETERS_MARK": str(tmp_path / "mark")}
    outcomes = in_interpreters(order, "tests.wrong_subinterpreters", env=env)
    assert subinterpreter_problems("pyo3", order, outcomes), f"{order} passed {wrong}"


def test_every_wrong_version_is_checked():
    assert set(CAUGHT_BY) == set(WRONG)
