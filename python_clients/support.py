"""Which styles can be built for an interpreter, and why not: the one place that the build
recipes, the demo, the tests and the version matrix ask.

    python -m python_clients.support rust-cpython   # prints why not and exits 1, or exits 0

A refusal here is a fact about a binding tool, not a build that happened to fail: a build
that fails for any other reason fails loudly. The version matrix (tools/matrix.py) shows
these reasons in its table beside the styles that ran.
"""

import sys
import sysconfig
from dataclasses import dataclass

# The oldest CPython the workspace supports: PyO3's abi3 floor, where the buffer protocol
# entered the stable ABI. 3.10 reached its end of life in October 2026.
OLDEST = (3, 11)


@dataclass(frozen=True)
class Interpreter:
    """What decides which styles build: the implementation, the version, the GIL."""

    implementation: str  # sys.implementation.name: "cpython" or "pypy"
    version: tuple[int, int]
    free_threaded: bool

    @classmethod
    def running(cls):
        """The interpreter this code runs in."""
        return cls(
            sys.implementation.name,
            sys.version_info[:2],
            bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        )

    def __str__(self):
        name = "PyPy" if self.implementation == "pypy" else "CPython"
        return f"{name} {self.version[0]}.{self.version[1]}{'t' if self.free_threaded else ''}"


def why_not(style, interpreter=None):
    """None when `style` can be built for `interpreter` (the running one by default), else
    the reason, in one line."""
    interpreter = interpreter or Interpreter.running()
    pypy = interpreter.implementation == "pypy"
    if style == "rust-cpython" and pypy:
        return "rust-cpython does not support PyPy: python3-sys binds CPython's own C API"
    if style == "rust-cpython" and interpreter.free_threaded:
        return (
            "python3-sys 0.7.2 declares only the GIL build's object header: a module built "
            "for a free-threaded CPython would corrupt reference counts"
        )
    if style == "rust-cpython" and interpreter.version >= (3, 14):
        return (
            "python3-sys 0.7.2 knows CPython's structs up to 3.13: 3.14's tuple gained a field "
            "(ob_hash) before its items, so the module reads every argument at the wrong "
            "offset and crashes"
        )
    if style == "pyo3" and interpreter.free_threaded and interpreter.version < (3, 14):
        return "PyO3 0.29 and later build for a free-threaded CPython from 3.14 only"
    if style == "cffi" and interpreter.free_threaded and interpreter.version < (3, 14):
        return "cffi 2.x supports a free-threaded CPython from 3.14 only"
    return None


def main(style):
    reason = why_not(style)
    if reason:
        print(f"{style}: not built for {Interpreter.running()}: {reason}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
