"""Run calls in a child interpreter, so that a crash fails one test instead of the session."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys
from tests.isolated import subject
kernels = subject({style!r})
outcomes = []
for function, arguments in json.loads(sys.argv[1]):
    try:
        value = eval(f"kernels.{{function}}({{arguments}})")
        outcomes.append({{"returned": repr(value)[:200]}})
    except BaseException as error:
        outcomes.append({{
            "raised": type(error).__name__,
            "mro": [cls.__name__ for cls in type(error).__mro__],
            "message": str(error),
        }})
print(json.dumps(outcomes))
"""


def subject(name):
    """The style `name`, or for "wrong:NAME" one of the deliberately wrong implementations
    that the checks must catch (tests/wrong_arrays.py, tests/wrong_threads.py)."""
    if not name.startswith("wrong:"):
        from python_clients import load  # noqa: PLC0415 (the child's only import)

        return load(name)
    from tests import wrong_arrays, wrong_threads  # noqa: PLC0415 (only these need them)

    return {**wrong_arrays.WRONG, **wrong_threads.WRONG}[name.removeprefix("wrong:")]


def call_in_child(style, calls, prelude=""):
    """Evaluate `function(arguments)` for each pair in `calls` in a fresh interpreter, with
    `style`'s module or a wrong version (`subject`) as `kernels`, after
    the source code `prelude` (which may define names the arguments use).

    Returns one dict per call: {"returned": repr} or {"raised", "mro", "message"}.
    A child that dies (segfault, abort) raises AssertionError with its stderr.
    """
    code = textwrap.dedent(prelude) + _CHILD.format(style=style)
    child = subprocess.run(
        [sys.executable, "-c", code, json.dumps(calls)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert child.returncode == 0, (
        f"the child interpreter died with status {child.returncode}:\n{child.stderr[-3000:]}"
    )
    return json.loads(child.stdout.splitlines()[-1])


def outcomes_per_style(calls, prelude=""):
    """`outcomes(style)`: the {call: outcome} of every call in `calls` for that style, made
    by one child the first time it is asked for, then remembered (for a module fixture)."""
    remembered = {}

    def outcomes(style):
        if style not in remembered:
            remembered[style] = dict(zip(calls, call_in_child(style, calls, prelude=prelude)))
        return remembered[style]

    return outcomes
