"""Fixtures shared by the suites: every test that takes `style` runs once per style.

`FFI_STYLES=ctypes,pyo3` limits the run to those styles: the version matrix
(tools/matrix.py) runs the contract on each interpreter for the styles that load there.
A style whose binding tool cannot build it for this interpreter (python_clients/support.py)
is left out, and the run's header says so, with the reason.
"""

import os
import signal

import pytest

from python_clients import REGISTRY, STYLES, load
from python_clients.support import Interpreter, why_not

# A run started as a background job inherits SIGINT ignored, and so would every child it
# starts: the Ctrl-C tests' children would never hear their Ctrl-C. Handled here, SIGINT is
# back to its default in every child (exec resets a handled signal, not an ignored one).
signal.signal(signal.SIGINT, signal.default_int_handler)

ASKED = [s for s in os.environ.get("FFI_STYLES", ",".join(STYLES)).split(",") if s]
NOT_HERE = {style: why_not(style) for style in ASKED if why_not(style)}
UNDER_TEST = [style for style in ASKED if style not in NOT_HERE]
# The styles under test whose kernels are Rust's (built by a recipe), not Python's baselines.
NATIVE = [style.name for style in REGISTRY if style.recipe and style.name in UNDER_TEST]
unknown = set(ASKED) - set(STYLES)
if unknown:
    raise pytest.UsageError(f"FFI_STYLES names unknown styles: {', '.join(sorted(unknown))}")


def pytest_terminal_summary(terminalreporter):
    """One line per style left out on this interpreter, with the reason, beside the counts."""
    for style, why in NOT_HERE.items():
        terminalreporter.write_line(f"{style}: not under test on {Interpreter.running()}: {why}")


@pytest.fixture(params=UNDER_TEST)
def style(request):
    """A style name from the registry; a new registry entry gets every test here."""
    return request.param


@pytest.fixture
def kernels(style):
    """The style's module. A style that is not built fails (never skips): ./just test builds all."""
    return load(style)


# PyO3 on PyPy breaks the contract here, through PyPy's emulation of CPython's C API (cpyext)
# or PyO3's use of it (CONTRACT.md, "On PyPy"): expected to fail there, and a test that
# starts to pass fails the run (strict), so that the list and the page are brought up to date.
# The Ctrl-C and memory-cap ones depend on timing and on where memory runs out: not strict.
CPYEXT = "PyO3 on PyPy (cpyext)"
KNOWN_ON_PYPY = {
    "test_contract.py::test_too_large_for_memory_is_a_memory_error[pyo3]": (
        f"{CPYEXT}: the MemoryError arrives wrapped in a SystemError",
        True,
    ),
    "test_hostile.py::test_str_subclasses_are_counted_by_their_code_points[pyo3-Nameless()]": (
        f"{CPYEXT}: RuntimeError, not TypeError, for a str subclass whose type has no name",
        True,
    ),
    "test_arrays.py::test_bad_buffers_get_the_same_exception_everywhere[pyo3-released()]": (
        f"{CPYEXT}: a released memoryview crashes the export (numpy.frombuffer too)",
        True,
    ),
    "test_arrays.py::test_exporters_are_read_through_their_buffer_never_their_methods"
    "[pyo3-ZeroLen(b'aaa')]": (
        f"{CPYEXT}: a bytes subclass whose __len__ lies is refused with ValueError",
        True,
    ),
    "test_hostile.py::test_ctrl_c_interrupts_a_huge_primes_list_and_frees_it[pyo3-sieve]": (
        f"{CPYEXT}: check_signals does not see the pending Ctrl-C",
        False,
    ),
    "test_hostile.py::test_ctrl_c_interrupts_a_huge_primes_list_and_frees_it[pyo3-list]": (
        f"{CPYEXT}: check_signals does not see the pending Ctrl-C",
        False,
    ),
    "test_hostile.py::test_ctrl_c_during_a_count_on_threads_is_a_keyboard_interrupt[pyo3]": (
        f"{CPYEXT}: check_signals does not see the pending Ctrl-C",
        False,
    ),
    "test_hostile.py::test_short_of_memory_is_a_memory_error_never_an_abort"
    "[pyo3-primes-1000000-78498-1048576]": (
        f"{CPYEXT}: the process dies of SIGSEGV with 1 MiB to spare",
        False,
    ),
}


def pytest_collection_modifyitems(items):
    if Interpreter.running().implementation != "pypy":
        return
    for item in items:
        known = KNOWN_ON_PYPY.get(item.nodeid.removeprefix("tests/"))
        if known:
            item.add_marker(pytest.mark.xfail(reason=known[0], strict=known[1]))
