"""The contract's hostile-input section: subclasses, numpy scalars, lying dunder methods,
argument errors, subinterpreters, re-import and Ctrl-C, over every style. Each risky call
runs in a child interpreter (tests/isolated.py): a crash or a hang fails a test, not pytest.
"""

import inspect
import itertools
import json
import os
import re
import subprocess
import sys
import textwrap

import numpy
import pytest

from python_clients import REGISTRY, load
from python_clients._contract import MAX_N
from tests import hostile
from tests.conftest import NATIVE
from tests.isolated import ROOT, outcomes_per_style
from tests.test_contract import PI

reference = load("pure-python")


@pytest.fixture(scope="module")
def outcomes():
    """Every style's outcome for every hostile call, computed once per style in one child."""
    return outcomes_per_style(hostile.CALLS, prelude=hostile.PRELUDE)


def true_count(arguments):
    """count_doubles of the text the object really holds, computed here from its code points."""
    namespace = {}
    exec(hostile.PRELUDE, namespace)
    obj = eval(arguments, namespace)
    # The base type's full slice: no override of the subclass runs. Not str.__str__, whose
    # copy on PyPy has the length the subclass's __len__ claims (CONTRACT.md, "On PyPy").
    text = str.__getitem__(obj, slice(None))
    return sum(1 for a, b in itertools.pairwise(text) if a == b)


def summary(outcome):
    """What a call did: its exception's type, its result, or how its child died."""
    return outcome.get("raised") or outcome.get("returned") or outcome["died"]


# ANCHOR: str_subclasses
@pytest.mark.parametrize("call", hostile.STR_CALLS, ids=[a for _, a in hostile.STR_CALLS])
def test_str_subclasses_are_counted_by_their_code_points(style, outcomes, call):
    outcome = outcomes(style)[call]
    if call[1] in ("ClaimsStr()", "Nameless()"):  # not a str, whatever it says of itself
        assert outcome.get("raised") == "TypeError", summary(outcome)
    else:
        assert outcome.get("returned") == str(true_count(call[1])), summary(outcome)


# ANCHOR_END: str_subclasses

# What every style must do with each odd n: the returned count, or the exception type.
EXPECTED_N = {
    "HugeIndex()": "ValueError",
    "IndexOverflows()": "OverflowError",  # __index__'s own exception, unchanged
    "IndexFails()": "RuntimeError",
    "IndexNotInt()": "TypeError",
    "UnprintableInt(10)": "4",
    "UnprintableInt(2**70)": "ValueError",
    "UnprintableInt(-1)": "ValueError",
    "LyingIndexInt(10)": "4",
    "numpy.int64(100)": "25",
    "numpy.uint8(10)": "4",
    "numpy.int8(-1)": "ValueError",
    "numpy.uint64(2**64 - 1)": "ValueError",
    "numpy.float64(10)": "TypeError",
    # numpy decides: older releases give np.bool_ an __index__, 2.3 and later do not.
    "numpy.bool_(True)": "0" if hasattr(numpy.bool_, "__index__") else "TypeError",
    "10**5000": "ValueError",
    "-(10**5000)": "ValueError",
    "2**127 - 1": "ValueError",
    "2**127": "ValueError",
}
# Out-of-range messages show the value itself, up to 127 bits, then its sign and width.
EXPECTED_SHOWN = {
    "HugeIndex()": "got an int of 133 bits",
    "UnprintableInt(2**70)": "got 1180591620717411303424",
    "UnprintableInt(-1)": "got -1",
    "numpy.uint64(2**64 - 1)": "got 18446744073709551615",
    "10**5000": "got an int of 16610 bits",
    "-(10**5000)": "got a negative int of 16610 bits",
    "2**127 - 1": "got 170141183460469231731687303715884105727",
    "2**127": "got an int of 128 bits",
}


def test_every_odd_n_has_an_expectation():
    assert set(EXPECTED_N) == set(hostile.INT_ARGUMENTS)


@pytest.mark.parametrize("argument", hostile.INT_ARGUMENTS)
def test_odd_integers_get_the_same_answer_everywhere(style, outcomes, argument):
    outcome = outcomes(style)[("count_primes", argument)]
    assert summary(outcome) == EXPECTED_N[argument], outcome
    if argument in EXPECTED_SHOWN:
        message = outcome["message"]
        assert message.endswith(EXPECTED_SHOWN[argument]), message
        assert str(MAX_N) in message
    primes = outcomes(style)[("primes", argument)]
    array = outcomes(style)[("primes_array", argument)]
    if "returned" in outcome:  # the same n: the list of exactly that many primes
        n = {"0": 1, "4": 10, "25": 100}[outcome["returned"]]
        assert primes.get("returned") == repr(reference.primes(n)), primes
        assert array.get("returned") == repr(reference.primes_array(n)), array
    else:
        assert primes.get("raised") == outcome["raised"], primes
        assert array.get("raised") == outcome["raised"], array


def odd_threads_problems(outcomes):
    """What a style does wrong with the odd integers as threads: each must be taken as n
    is, so its answer is π(10) where n's is a count, else n's exception, in the same words."""
    problems = []
    for call, argument in zip(hostile.THREADS_CALLS, hostile.INT_ARGUMENTS, strict=True):
        outcome, wanted = outcomes[call], EXPECTED_N[argument]
        wanted = "4" if wanted.isdigit() else wanted  # a valid thread count: π(10)
        message = outcome.get("message", "")
        if summary(outcome) != wanted or not message.endswith(EXPECTED_SHOWN.get(argument, "")):
            problems.append(f"threads={argument}: {outcome}, not {wanted}")
        elif argument in EXPECTED_SHOWN and not message.startswith("threads must be"):
            problems.append(f"threads={argument}: {message!r} is not about threads")
    return problems


def test_odd_integers_as_threads_are_taken_as_n_is(style, outcomes):
    assert odd_threads_problems(outcomes(style)) == []


def argument_problems(outcome, call):
    """What is wrong with a style's answer to one of ARGUMENT_CALLS: a right call by keyword
    must return what RIGHT_CALLS says; any other, raise TypeError naming the function."""
    function, arguments = call
    if function == "count_primes" and arguments in hostile.THREADS_ARGUMENTS:
        wanted = hostile.THREADS_ARGUMENTS[arguments]
    elif re.fullmatch(r"(n|s|buffer)=.*|\*\*\{Plain\('(n|s|buffer)'\).*", arguments):
        wanted = hostile.RIGHT_CALLS[function]  # by keyword
    else:
        wanted = "TypeError"
    if summary(outcome) != wanted:
        return [f"{function}({arguments}): {outcome}, not {wanted}"]
    message = outcome.get("message", f"{function}()")
    # PyPy refuses a keyword given twice before calling a built-in function (PyO3's), in
    # words that name its type, not the function: "builtin_function_or_method object got
    # multiple values for keyword argument 'threads'".
    pypy_refusal = sys.implementation.name == "pypy" and message.startswith(
        "builtin_function_or_method object got multiple values for keyword argument"
    )
    if f"{function}()" not in message and not pypy_refusal:  # Python's names the module too
        return [f"{function}({arguments}): {message!r} does not name the function"]
    named = re.search(r"\b(m|thread)=|'(m)'", arguments)
    if named and f"'{named[1] or named[2]}'" not in message:
        return [f"{function}({arguments}): {message!r} does not name the argument"]
    return []


@pytest.mark.parametrize(
    "call", hostile.ARGUMENT_CALLS, ids=[f"{f}({a})" for f, a in hostile.ARGUMENT_CALLS]
)
def test_argument_errors_are_the_same_type_error_everywhere(style, outcomes, call):
    assert argument_problems(outcomes(style)[call], call) == []


# Each function's parameters as `inspect.signature` shows them, annotations left out.
SIGNATURES = {"count_primes": "n, *, threads=1", "primes": "n", "count_doubles": "s",
              "primes_array": "n", "count_equal_neighbours": "buffer"}  # fmt: skip


def signature_problems(kernels, function):
    """What `function`'s docstring and signature lack: a docstring (naming threads, for
    count_primes), and the parameters of SIGNATURES, each kind and default included."""
    python_function = getattr(kernels, function)
    problems = [] if (python_function.__doc__ or "").strip() else ["no docstring"]
    parameters = inspect.signature(python_function).parameters.values()
    shown = inspect.Signature([p.replace(annotation=p.empty) for p in parameters])
    if str(shown) != f"({SIGNATURES[function]})":
        problems.append(f"the signature is {shown}, not ({SIGNATURES[function]})")
    if "threads" in SIGNATURES[function] and "threads" not in (python_function.__doc__ or ""):
        problems.append("the docstring does not say what threads does")
    return problems


@pytest.mark.parametrize("function", list(SIGNATURES))
def test_every_function_has_a_docstring_and_a_signature(kernels, function):
    assert signature_problems(kernels, function) == []


def test_contract_page_states_the_values_the_suite_checks():
    """CONTRACT.md is prose: its figures and examples must be the ones the suite holds."""
    page = (ROOT / "CONTRACT.md").read_text()
    superscript = {10**6: "10⁶", 10**7: "10⁷"}
    for n, count in [*PI.items(), (10**7, 664579)]:
        assert f"π({superscript.get(n, n)}) = {count}" in page, (n, count)
    for text in ("éé", "₂", "aaa", "aa\\0bb", "😀😁"):
        assert f'`"{text}"`' in page, text
    assert "`2**32 - 1`" in page


def test_every_style_exports_max_n(kernels):
    assert kernels.MAX_N == MAX_N


def test_random_lying_subclasses_are_counted_by_their_code_points(style):
    """hypothesis over random text in str subclasses whose methods lie at random."""
    child = run_child(f"from tests.hostile import check_liars; check_liars({style!r})")
    assert child.returncode == 0, child.stderr[-3000:]


def run_child(code, *args, timeout=120, env=None):
    """Run `code` in a fresh interpreter from the repository root (with `env` added to the
    environment); a hang past `timeout` fails the test (TimeoutExpired) instead of hanging
    the suite."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
        env=None if env is None else {**os.environ, **env},
    )  # fmt: skip


MODULES = {style.name: style.module for style in REGISTRY}

# ANCHOR: subinterpreter
SUBINTERPRETER = """
    import json, sys
    try:
        import _interpreters as interpreters  # 3.13 and later
    except ImportError:
        import _xxsubinterpreters as interpreters
    order, module = sys.argv[1:]
    code = (f"import sys; sys.path[:0] = {sys.path!r}; import {module} as m; "
            "assert m.count_primes(100) == 25 and m.count_doubles('aa') == 1")

    def in_main():
        try:
            exec(code, {})
        except Exception as error:
            return f"{type(error).__name__}: {error}"

    def in_a_subinterpreter(legacy):
        # "sub": on 3.12 and later, its own GIL, and CPython checks each extension module;
        # "legacy": the main interpreter's GIL and no such check, as every one before 3.12.
        try:
            if not legacy:
                interpreter = interpreters.create()
            elif sys.version_info >= (3, 13):
                interpreter = interpreters.create("legacy")
            else:
                interpreter = interpreters.create(isolated=False)
        except Exception as error:
            return f"unavailable: {type(error).__name__}: {error}"
        try:
            failure = interpreters.run_string(interpreter, code)  # 3.13: returns it
        except Exception as error:  # 3.12 and earlier: raises "<class 'Name'>: message"
            name, _, message = str(error).partition(": ")
            name = name.removeprefix("<class '").removesuffix("'>")
            return f"{name}: {message}"
        return None if failure is None else f"{failure.type.__name__}: {failure.msg}"

    where = {"main": in_main, "sub": lambda: in_a_subinterpreter(False),
             "legacy": lambda: in_a_subinterpreter(True)}
    print(json.dumps([where[place]() for place in order.split("-")]))
"""

# The styles whose binding does not support subinterpreters or keeps Python state per
# process: each must refuse every one, with an ImportError that says so. cffi's C backend
# does not support them; rust-cpython takes the GIL with PyGILState_Ensure, which knows
# only the main interpreter; PyO3 does both (PyO3 issue #576). The other styles keep no
# Python state outside the interpreter that imports them (ctypes' Rust library holds no
# Python object): pure Python works everywhere, and ctypes works or is refused by CPython's
# own _ctypes (3.12, in a subinterpreter with its own GIL). numpy decides for itself, in
# its own words (ImportError, or RuntimeError in older releases): it refuses every
# interpreter after the first that loaded it, the main one included.
MUST_REFUSE = {"cffi", "rust-cpython", "pyo3"}
MAY_REFUSE = {"ctypes"}


def subinterpreter_problems(style, order, outcomes):
    """What is wrong with each import's outcome (None: it worked, else "Type: message",
    as SUBINTERPRETER prints them) under the rules for `style`: [] when nothing is."""
    if style == "numpy":
        return []
    problems = []
    for place, failure in zip(order.split("-"), outcomes, strict=True):
        refused = failure is not None and failure.startswith("ImportError: ")
        says_why = refused and "subinterpreter" in failure
        if place == "main" or style not in MUST_REFUSE | MAY_REFUSE:
            right = failure is None
        elif style in MUST_REFUSE:
            right = says_why
        else:
            right = failure is None or says_why
        if not right:
            problems.append(f"{place}: {failure or 'loaded'}")
    return problems


def in_interpreters(order, module, env=None):
    """Each import's outcome, in the main interpreter or a new subinterpreter, in `order`."""
    child = run_child(SUBINTERPRETER, order, module, timeout=60, env=env)
    assert child.returncode == 0, child.stderr[-2000:]
    outcomes = json.loads(child.stdout.splitlines()[-1])
    for outcome in outcomes:
        if outcome and outcome.startswith("unavailable: "):
            pytest.skip(f"no such subinterpreter here: {outcome}")
    return outcomes


ORDERS = ["sub", "main-sub", "sub-main", "sub-sub", "legacy", "main-legacy", "legacy-main"]


@pytest.mark.skipif(
    sys.implementation.name == "pypy",
    reason="PyPy has no subinterpreters (no _interpreters or _xxsubinterpreters module)",
)
@pytest.mark.parametrize("order", ORDERS)
def test_a_subinterpreter_gets_a_working_module_or_an_import_error(style, order):
    """Each import, in the main interpreter or a new subinterpreter, in this order, works or
    refuses as the rules above say for the style; none hangs (rust-cpython would, in
    PyGILState_Ensure) or crashes, and the main interpreter loads the module, a
    subinterpreter's refusal before it or not."""
    outcomes = in_interpreters(order, MODULES[style])
    assert subinterpreter_problems(style, order, outcomes) == []


# ANCHOR_END: subinterpreter


def test_importing_again_after_removal_from_sys_modules_works(style):
    child = run_child(
        """
        import importlib, sys
        module = sys.argv[1]
        importlib.import_module(module)
        del sys.modules[module]
        assert importlib.import_module(module).count_primes(100) == 25
        """,
        MODULES[style],
    )
    assert child.returncode == 0, child.stderr[-2000:]


# ANCHOR: ctrl_c
# About 21 million primes: 84 MB as u32 in Rust, over 800 MB as a list of Python ints.
INTERRUPTED_N = 4 * 10**8


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("moment", ["sieve", "list"])
@pytest.mark.parametrize("style", [*NATIVE, "control", "leak"])
def test_ctrl_c_interrupts_a_huge_primes_list_and_frees_it(style, moment):
    """Ctrl-C while the primes are found (the GIL released), or while the list is built
    (the GIL held): either way, KeyboardInterrupt comes before the list is complete."""
    child = subprocess.run(
        [sys.executable, ROOT / "tests/ctrl_c.py", style, str(INTERRUPTED_N), moment],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert child.returncode == 0, child.stderr[-2000:]
    outcome, peak, left = child.stdout.split()
    # The full list needs over 800 MB: a conversion that waits for its end to notice
    # Ctrl-C reaches that peak; one that looks while it works stops far below it.
    # The bound leaves room for a watcher that a loaded machine wakes late.
    if style == "control":  # proves the check: the deaf conversion fails it
        assert int(peak) > 600, (outcome, peak)
        return
    if style == "leak":  # proves the check: primes never freed fail it
        assert int(left) > 40, (outcome, left)
        return
    assert outcome == "interrupted", outcome
    assert int(peak) < 600, f"the list grew to {peak} MiB before Ctrl-C was seen"
    # The u32 primes (84 MB) must not be left behind on the C heap.
    assert int(left) < 40, f"{left} MiB still allocated after the interrupt"


# ANCHOR_END: ctrl_c


# ANCHOR: ctrl_c_count
def interrupted_count(subject):
    """tests/ctrl_c.py's report of Ctrl-C during count_primes(MAX_N, threads=2) by `subject`
    (a style or "wrong:NAME"), from a child process: outcome, work done, work of half."""
    child = subprocess.run(
        [sys.executable, ROOT / "tests/ctrl_c.py", subject, "count"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    if child.returncode != 0:
        return f"died {child.returncode}: {child.stderr[-2000:]}"
    return child.stdout


def count_interrupt_problems(report, stops=True):
    """What is wrong with a report of interrupted_count: no KeyboardInterrupt, or (when the
    style must `stop` at once) a count that went on. The work is compared, not timed: a
    count that stops at once does less than counting to MAX_N // 2 does, one that ignores
    Ctrl-C until its end about twice as much."""
    outcome, *work = report.split()
    if outcome != "interrupted":
        return [f"Ctrl-C during the count: {report}"]
    if stops and float(work[0]) >= float(work[1]):
        return [f"the interrupted count worked {work[0]} s, counting half as far {work[1]} s"]
    return []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.skipif(
    # The cores this process may use, as the kernel counts them (PyPy lacks sched_getaffinity).
    (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()) < 2,
    reason="on one core the kernel counts on the calling thread, as for threads=1",
)
@pytest.mark.parametrize("style", NATIVE)
def test_ctrl_c_during_a_count_on_threads_is_a_keyboard_interrupt(style):
    """PyO3 and rust-cpython stop the workers; ctypes and cffi cannot run the handlers
    during their one foreign call, and raise KeyboardInterrupt once it returns."""
    stops = style in ("pyo3", "rust-cpython")
    assert count_interrupt_problems(interrupted_count(style), stops=stops) == []


# ANCHOR_END: ctrl_c_count


# ANCHOR: memory_cap
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc")
@pytest.mark.parametrize("margin", [0, 2**16, 200_000, 2**20])
@pytest.mark.parametrize(("function", "n", "answer"), [("count_primes", MAX_N, "203280221"),
                                                       ("primes", 10**6, "78498")])  # fmt: skip
def test_short_of_memory_is_a_memory_error_never_an_abort(style, function, n, answer, margin):
    """Every allocation a kernel makes, however small, may fail: each must become
    MemoryError. Rust's infallible `Vec::with_capacity` would abort the interpreter."""
    child = subprocess.run(
        [sys.executable, ROOT / "tests/memory_cap.py", style, function, str(n), str(margin)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    skip_if_pypy_itself_ran_out(child)
    assert child.returncode == 0, f"died with {child.returncode}: {child.stderr[-2000:]}"
    assert child.stdout.split() in (["MemoryError"], [answer]), child.stdout


def skip_if_pypy_itself_ran_out(child):
    """PyPy's GC aborts the process when it cannot map the next arena for the objects that
    survive a minor collection: a limit of PyPy's, in Python code (building the list), not
    a kernel's. Its words are its own, after an RPython traceback; a Rust abort ("memory
    allocation of N bytes failed") has none, and still fails."""
    words = ("RPython traceback", "out of memory: couldn't allocate the next arena")
    if child.returncode == -6 and all(w in child.stderr for w in words):  # SIGABRT
        pytest.skip("PyPy's GC aborted, out of memory for its next arena: it raises no "
                    "MemoryError there, whatever the style does")  # fmt: skip


# ANCHOR_END: memory_cap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc")
@pytest.mark.parametrize("margin", [2**16, 2**20, 4_300_000, 4_800_000, 5_300_000])
@pytest.mark.parametrize("style", NATIVE)
def test_short_of_memory_for_threads_is_never_an_abort(style, margin):
    """Starting threads allocates their bookkeeping infallibly (glibc's thread-local data,
    Rust's and rayon's): before the kernel asked for its threads' room first, margins of
    4.2 to 5.3 MB over the mapped memory aborted the interpreter in every native style."""
    child = subprocess.run(
        [sys.executable, ROOT / "tests/memory_cap.py", style, "count_primes:threads", str(10**9),
         str(margin)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    skip_if_pypy_itself_ran_out(child)
    assert child.returncode == 0, f"died with {child.returncode}: {child.stderr[-2000:]}"
    assert child.stdout.split() in (["MemoryError"], ["50847534"]), child.stdout
