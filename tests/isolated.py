"""Run calls in a child interpreter, so that a crash fails one test instead of the session."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

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

    name = name.removeprefix("wrong:")
    found = [table[name] for table in (wrong_arrays.WRONG, wrong_threads.WRONG) if name in table]
    if not found:
        raise KeyError(name)
    # A name both tables use (gil_holding_count) is one subject with the functions of both:
    # merging the tables whole let one hide the other, and its probe died instead of failing.
    return SimpleNamespace(**{k: v for wrong in found for k, v in vars(wrong).items()})


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
            try:
                answers = call_in_child(style, calls, prelude=prelude)
            except AssertionError:  # the child died: again one call a child, to see which
                answers = [one_call(style, call, prelude) for call in calls]
            remembered[style] = dict(zip(calls, answers, strict=True))
        return remembered[style]

    return outcomes


def one_call(style, call, prelude):
    """The outcome of one call in a child of its own: {"died": the child's last words} when
    the call kills it, which fails the tests that ask about this call and no other."""
    try:
        return call_in_child(style, [call], prelude=prelude)[0]
    except AssertionError as error:
        return {"died": str(error)[-1000:]}
