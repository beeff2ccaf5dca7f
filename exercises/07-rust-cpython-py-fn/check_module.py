"""The check of exercise 07 (do not edit): run it with `./just exercise 7`."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
from native import build_and_import


@pytest.fixture(scope="module")
def ex07():
    return build_and_import("ex07")


def test_the_function_is_exported(ex07):
    assert ex07.sum_of_squares(3) == 14
    assert ex07.sum_of_squares(0) == 0


def test_too_big_is_a_value_error(ex07):
    assert ex07.sum_of_squares(1_000_000) == 333_333_833_333_500_000  # the largest allowed
    with pytest.raises(ValueError):
        ex07.sum_of_squares(1_000_001)


def test_a_negative_n_is_refused_by_the_conversion(ex07):
    with pytest.raises(OverflowError):
        ex07.sum_of_squares(-1)
