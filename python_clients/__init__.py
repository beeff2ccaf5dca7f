"""One registry for every way this workspace gives Python the two kernels.

    >>> from python_clients import STYLES, load
    >>> load("pure-python").count_primes(10)
    4

Each style is a module with the contract's three functions and MAX_N (CONTRACT.md):
`count_primes(n, *, threads=1)`, `primes(n)` and `count_doubles(s)`. Adding a style is one
`Style` entry.
"""

import importlib
from dataclasses import dataclass
from types import ModuleType


class UnknownStyle(LookupError):
    """`load` was given a name that is not in `STYLES`."""


class StyleNotBuilt(ImportError):
    """The style's native part has not been built yet; the message names the recipe."""


class StyleNotSupported(ImportError):
    """The style's binding tool cannot build it for this interpreter; the message says why."""


@dataclass(frozen=True)
class Style:
    """A registry entry: the module that implements a style, and the recipe that builds it."""

    name: str
    module: str
    recipe: str | None = None  # None: pure Python, nothing to build


# In teaching order: the baselines first, then the four binding styles of the book.
REGISTRY = (
    Style("pure-python", "python_clients.pure_python"),
    Style("numpy", "python_clients.numpy_style"),
    Style("ctypes", "python_clients.ctypes_style", "build-ctypes"),
    Style("cffi", "python_clients.cffi_style", "build-cffi"),
    Style("rust-cpython", "primes_rust_cpython", "build-rust-cpython"),
    Style("pyo3", "primes_pyo3", "build-pyo3"),
)

STYLES = tuple(style.name for style in REGISTRY)


def load(name: str) -> ModuleType:
    """The module implementing style `name`, with count_primes, primes and count_doubles."""
    style = next((s for s in REGISTRY if s.name == name), None)
    if style is None:
        raise UnknownStyle(f"unknown style {name!r}; the styles are: {', '.join(STYLES)}")
    # Imported here: the build recipes run support.py itself with `python -m`.
    from .support import Interpreter, why_not  # noqa: PLC0415

    reason = why_not(name)
    if reason:
        here = Interpreter.running()
        raise StyleNotSupported(f"style {name!r} is not built for {here}: {reason}")
    try:
        return importlib.import_module(style.module)
    except ImportError as error:
        if style.recipe is None:
            raise
        raise StyleNotBuilt(
            f"style {name!r} is not built ({error}); build it with: ./just {style.recipe}"
        ) from error
