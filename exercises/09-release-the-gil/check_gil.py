"""The check of exercise 09 (do not edit): run it with `./just exercise 9`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from pyo3_module import build_and_import

from tests.gil_detector import ran_python_during


def test_the_answer():
    assert build_and_import("ex09").collatz_steps(10) == 67


def test_other_threads_run_while_it_works():
    ex09 = build_and_import("ex09")
    assert ran_python_during(lambda: ex09.collatz_steps(300_000)), "the GIL was held throughout"
