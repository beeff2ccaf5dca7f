"""The check of exercise 08 (do not edit): run it with `./just exercise 8`."""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
from native import build_and_import


@pytest.fixture(scope="module")
def ex08():
    return build_and_import("ex08")


def test_answers(ex08):
    assert [ex08.nth_prime(k) for k in (1, 2, 6)] == [2, 3, 13]
    assert ex08.nth_prime(10_000) == 104_729


@pytest.mark.parametrize("k", [0, 10_001])
def test_out_of_range_is_a_value_error_not_a_panic(ex08, k):
    with pytest.raises(ValueError) as raised:
        ex08.nth_prime(k)
    message = str(raised.value)
    # Helpful means: the caller learns what they passed, and what they may pass.
    assert re.search(rf"\b{k}\b", message), f"the message should name the k it got: {message!r}"
    allowed = re.search(r"\b1\b", message) and re.search(r"\b10[_,]?000\b", message)
    assert allowed, f"the message should say that k goes from 1 to 10000: {message!r}"
