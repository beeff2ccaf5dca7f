"""The deadlock trap (book, chapter 6, "Threads that need the GIL: the deadlock"): a worker
thread that needs the GIL while the thread that called into Rust holds it, waiting for the
workers. Every native style's count_primes(n, threads=2) must finish, with the right answer,
under the trap's conditions: another Python thread wants the GIL all the time, a Python
callback (a signal handler) runs whenever a call checks for Ctrl-C, and two threads call at
once. The same harness must call exercise 12's deadlocking wrong solution hung.

Each run is a child interpreter with a time limit (exercises/native.py, run_python): a
deadlocked child never ends and ignores Ctrl-C, and this suite must end all the same.
"""

import json
import shutil

import pytest

from exercises import runner
from exercises.native import Hung, library, run_python
from tests.conftest import NATIVE
from tests.isolated import ROOT
from tests.test_arrays import NEEDS_A_GIL

# The styles that start threads of their own; the baselines count on the calling thread.
# π(10^9): about 0.2 s on two threads, so that the busy thread and the Ctrl-Cs meet the work.
N, PRIMES = 10**9, 50_847_534
# Calls per calling thread, in one child.
CALLS = 5
# What the harness runs, after `prelude`, with `call` counting: two threads call at once
# while a third wants the GIL without a pause and sends Ctrl-Cs that a Python handler takes.
HARNESS = """
import json, os, signal, threading
{prelude}
# A Python callback, run by whichever call checks for Ctrl-C while it counts.
signal.signal(signal.SIGINT, lambda *_: None)
done = threading.Event()

def busy():
    spins = 0
    while not done.is_set():
        spins += 1
        if spins % 100_000 == 0:
            os.kill(os.getpid(), signal.SIGINT)

answers = []

def calls():
    answers.extend({call} for _ in range({calls}))

threading.Thread(target=busy, daemon=True).start()
other = threading.Thread(target=calls)
other.start()
try:
    calls()
    other.join()
finally:
    done.set()
print(json.dumps(answers))
"""
# Exercise 12's wrong solution that deadlocks: its first attempt, in the reference's shape.
EXERCISE, DEADLOCKING = "12-threads-without-a-deadlock", "workers-attach-caller-holds"
# Seconds the deadlocking call gets: it returns in hundredths of a second when it returns.
HANG = 20

pytestmark = NEEDS_A_GIL


def harness(prelude, call, limit=300):
    """The answers of the harness's calls, from a child; Hung when it hangs."""
    code = HARNESS.format(prelude=prelude, call=call, calls=CALLS)
    child = run_python(code, limit, cwd=ROOT)
    assert child.returncode == 0, f"the child failed:\n{child.stderr[-3000:]}"
    return json.loads(child.stdout.splitlines()[-1])


@pytest.mark.parametrize("style", NATIVE)
def test_count_on_two_threads_never_deadlocks(style):
    prelude = f"from python_clients import load\nkernels = load({style!r})"
    answers = harness(prelude, f"kernels.count_primes({N}, threads=2)")
    assert answers == [PRIMES] * 2 * CALLS


@pytest.fixture(scope="module")
def deadlocking(tmp_path_factory):
    """Exercise 12's deadlocking wrong solution, built as tests/test_exercises.py builds it;
    a copy of its library, which no later build overwrites."""
    copy = runner.scratch_copy(runner.HERE, tmp_path_factory.mktemp("scratch"))
    folder, config = runner.find(EXERCISE, copy)
    cases = runner.wrong_cases()
    (case,) = [c for c in cases if (c["exercise"], c["name"]) == (EXERCISE, DEADLOCKING)]
    runner.solve(folder, config, case)
    limit = runner.TIMEOUTS["build"]
    built, output = runner.run(config["build"], folder, runner.SCRATCH_TARGET, limit)
    assert built, output
    kept = tmp_path_factory.mktemp("library") / "ex12.so"
    shutil.copy(library("ex12", runner.SCRATCH_TARGET), kept)
    return kept


def test_the_harness_calls_the_deadlock_hung(deadlocking):
    prelude = (
        f"import sys\nsys.path.insert(0, {str(runner.HERE)!r})\n"
        f"from native import import_library\nex12 = import_library('ex12', {str(deadlocking)!r})"
    )
    with pytest.raises(Hung, match="ignored Ctrl-C"):
        harness(prelude, "ex12.count_primes(10, 2)", limit=HANG)
