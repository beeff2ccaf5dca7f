"""Fixtures shared by the suites: every test that takes `style` runs once per style."""

import pytest

from python_clients import STYLES, load


@pytest.fixture(params=STYLES)
def style(request):
    """A style name from the registry; a new registry entry gets every test here."""
    return request.param


@pytest.fixture
def kernels(style):
    """The style's module. A style that is not built fails (never skips): ./just test builds all."""
    return load(style)
