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
