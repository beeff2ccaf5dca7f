"""The GIL detector's own tests. It must see through every fake of exercises/wrong/09-*
(each releases the GIL, but not for the work: the contract suite's detector sees through
those that release it for an instant, exercise 09's through those that release it for part
of the work), vouch for the reference solution and a fast right one, run after run, and
raise what the call raises instead of waiting for it forever. Each verdict comes from a
child interpreter with a timeout: a detector that hangs fails its test and nothing more."""

import shutil
import subprocess
import sys

import pytest

from exercises import runner
from exercises.native import library

EXERCISE = "09-release-the-gil"
# A child prints the detector's verdicts, `runs` of them, on the work of exercise 09's check;
# or the name of what the call raised. The detector is the contract suite's, with its
# default settings, or with `share` exercise 09's, with its own.
VERDICT = """
import sys
sys.path.insert(0, {exercises!r})
from native import import_library
from tests.gil_detector import ran_python_during, ran_python_for_most_of
ex09 = import_library("ex09", {library!r})
detector = {detector}
try:
    for _ in range({runs}):
        print(detector(lambda: {call}))
except BaseException as error:
    print("raised", type(error).__name__)
"""
CONTRACT = "ran_python_during"
EXERCISE_09 = "lambda call: ran_python_for_most_of(call)[0]"


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Builds exercise 09 with the reference solution, or a wrong case of it, in a scratch
    copy; returns a copy of the module's library that the next build cannot overwrite."""
    copy = runner.scratch_copy(runner.HERE, tmp_path_factory.mktemp("scratch"))
    folder, config = runner.find(EXERCISE, copy)

    def build(case=None):
        runner.solve(folder, config, case)
        built, output = runner.run(
            config["build"], folder, runner.SCRATCH_TARGET, runner.TIMEOUTS["build"]
        )
        assert built, output
        kept = tmp_path_factory.mktemp("library") / "ex09.so"
        shutil.copy(library("ex09", runner.SCRATCH_TARGET), kept)
        return kept

    return build


def verdict(module_library, call="ex09.collatz_steps(300_000)", detector=CONTRACT, runs=1):
    code = VERDICT.format(exercises=str(runner.HERE), library=str(module_library), call=call,
                          detector=detector, runs=runs)  # fmt: skip
    child = subprocess.run([sys.executable, "-c", code], cwd=runner.ROOT, capture_output=True,
                           text=True, timeout=120 * runs, check=False)  # fmt: skip
    assert child.returncode == 0, child.stderr
    return child.stdout.strip()


@pytest.fixture(scope="module")
def reference(build):
    return build()


def test_the_reference_solution_lets_python_run(reference):
    assert verdict(reference) == "True"


@pytest.mark.parametrize(
    "case",
    [None, *(case for case in runner.wrong_cases(kind="right") if case["exercise"] == EXERCISE)],
    ids=lambda case: case["name"] if case else "reference",
)
def test_exercise_09s_detector_vouches_for_right_solutions_twenty_times_in_a_row(build, case):
    outcomes = verdict(build(case), detector=EXERCISE_09, runs=20).splitlines()
    assert outcomes == ["True"] * 20, f"{outcomes.count('True')} of 20: {outcomes}"


@pytest.mark.parametrize(
    "case",
    [case for case in runner.wrong_cases() if case["exercise"] == EXERCISE],
    ids=lambda case: case["name"],
)
def test_no_wrong_solution_is_vouched_for(build, case):
    """A fake gets False; a case that raises (a panic) gets its exception, as its check does."""
    outcome = verdict(build(case), detector=EXERCISE_09 if case.get("share") else CONTRACT)
    raised = outcome.startswith("raised ") and outcome.split()[1] in case["fails_with"]
    assert outcome == "False" or raised, f"{case['mistake']}: {outcome}"


def test_a_call_that_raises_raises_instead_of_hanging(reference):
    assert verdict(reference, call="1 / 0") == "raised ZeroDivisionError"
    assert verdict(reference, call="ex09.collatz_steps(-1)") == "raised OverflowError"
