"""Fixtures shared by the suites: every test that takes `style` runs once per style.

`FFI_STYLES=ctypes,pyo3` limits the run to those styles: the version matrix
(tools/matrix.py) runs the contract on each interpreter for the styles that load there.
"""

import os

import pytest

from python_clients import REGISTRY, STYLES, load

UNDER_TEST = [s for s in os.environ.get("FFI_STYLES", ",".join(STYLES)).split(",") if s]
# The styles under test whose kernels are Rust's (built by a recipe), not Python's baselines.
NATIVE = [style.name for style in REGISTRY if style.recipe and style.name in UNDER_TEST]
unknown = set(UNDER_TEST) - set(STYLES)
if unknown:
    raise pytest.UsageError(f"FFI_STYLES names unknown styles: {', '.join(sorted(unknown))}")


@pytest.fixture(params=UNDER_TEST)
def style(request):
    """A style name from the registry; a new registry entry gets every test here."""
    return request.param


@pytest.fixture
def kernels(style):
    """The style's module. A style that is not built fails (never skips): ./just test builds all."""
    return load(style)
