"""The check of exercise 12 (do not edit): run it with `./just exercise 12`.

Every call runs in a child interpreter, given a time limit: a call that deadlocks never
returns and ignores Ctrl-C, and the check must still end and say so. Nothing else is timed:
whether other threads ran is counted (tests/gil_detector.py), the threads that counted are
counted by the module itself (src/chunks.rs), and the Ctrl-C is sent by the count itself,
once it has counted a chunk, so it always arrives while the count runs.
"""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
from native import Hung, build, run_python

# The child: imports the module, runs `code`, prints what `code` leaves in `result` as JSON.
CHILD = """
import json, signal, sys
# Ctrl-C raises KeyboardInterrupt, even in a check run as a background job, which starts with
# SIGINT ignored.
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.path.insert(0, {exercises!r})
from native import import_library
from tests.gil_detector import ran_python_during
ex12 = import_library("ex12", {library!r})
{code}
print(json.dumps(result))
"""
# Seconds a child may take for count_primes(10, 2), which returns in a few hundredths of a
# second: one that has not returned by then waits for something that never comes.
HANG = 20
# Seconds a child may take for the longer calls below, a few seconds at most on a loaded
# laptop: a limit only so that the check always ends.
LIMIT = 120
# 17,984 primes in 21 chunks: enough for two threads to share, and for the main thread to
# run again and again while they count.
N = 200_000
# 148,933 primes in 201 chunks: seconds of counting, of which a count that stops on Ctrl-C
# does a few, one POLL's worth; one that does not stop does them all.
LONG, LONG_CHUNKS = 2_000_000, 201


@pytest.fixture(scope="module")
def library():
    """The module's library, built; and proof that a small call comes back at all."""
    path = build("ex12")
    try:
        in_child(path, "result = ex12.count_primes(10, 2)", HANG)
    except Hung as hung:
        pytest.fail(
            f"count_primes(10, threads=2) hung: {hung}. A deadlock: a worker thread waits for"
            " the GIL, which the calling thread holds while it waits for the workers"
        )
    return path


def in_child(library, code, limit=LIMIT):
    """What `code` leaves in `result`, run in a fresh interpreter; Hung when it hangs."""
    script = CHILD.format(exercises=str(Path(__file__).parent.parent), library=str(library),
                          code=code)  # fmt: skip
    child = run_python(script, limit)
    assert child.returncode == 0, f"the child running the call failed:\n{child.stderr[-3000:]}"
    return json.loads(child.stdout.splitlines()[-1])


def test_the_answer(library):
    answers = in_child(library, "result = [ex12.count_primes(n, 2) for n in (0, 1, 2, 10, 7919)]")
    assert answers == [0, 0, 1, 4, 1000]
    assert in_child(library, f"result = ex12.count_primes({N}, 3)") == 17_984


def test_it_counts_on_the_threads_asked_for(library):
    code = f"ex12.watch(); ex12.count_primes({N}, 2); result = ex12.watched()"
    chunks, threads = in_child(library, code)
    assert threads >= 2, (
        f"count_primes({N}, threads=2) counted its {chunks} chunks on {threads} thread: count"
        " them in parallel, in a pool of `threads` workers"
    )


def test_other_threads_run_while_it_counts(library):
    ran = in_child(library, f"result = ran_python_during(lambda: ex12.count_primes({N}, 2))")
    assert ran, (
        "while count_primes counted, other Python threads never ran: the calling thread held"
        " the GIL all along, waiting for its workers. Release it while they count"
    )


def test_ctrl_c_stops_the_count(library):
    """The count sends the Ctrl-C itself, after its first chunk: the call must raise
    KeyboardInterrupt, and leave most of the chunks uncounted."""
    code = f"""
ex12.watch(ctrl_c_after=1)
try:
    ex12.count_primes({LONG}, 2)
    raised = None
except KeyboardInterrupt:
    raised = "KeyboardInterrupt"
result = [raised, *ex12.watched()]"""
    raised, chunks, _ = in_child(library, code)
    assert raised == "KeyboardInterrupt", f"Ctrl-C during count_primes raised {raised}"
    assert chunks < LONG_CHUNKS // 2, (
        f"Ctrl-C did not stop the count: it came after the first chunk, and {chunks} of"
        f" {LONG_CHUNKS} were"
        " counted before Python saw it. Only the main thread can see a Ctrl-C: the thread"
        " that called count_primes must check, now and then, while the workers count"
    )
