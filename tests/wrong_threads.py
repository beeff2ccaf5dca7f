"""Wrong implementations of `count_primes(n, *, threads=1)`, each breaking one promise of the
contract ("Counting on several threads").

tests/test_wrong_threads.py runs the checks of the threads contract against these too, and
demands that each be caught: a check that passes a wrong answer proves nothing. They are
built from the ctypes style's own parts, so that each differs from a right implementation
in one way only.
"""

import ctypes
import operator
from types import SimpleNamespace

from python_clients import _c_abi
from python_clients import ctypes_style as right
from python_clients._contract import check_n, check_threads


def _call(function, *arguments):
    count = ctypes.c_size_t()
    right.check(function(*arguments, ctypes.byref(count)))
    return count.value


def _threads(n, threads, check=check_threads):
    """What every wrong version but one does right: n checked, then threads, then counted."""
    n, threads = check_n(n), check(threads)
    return _call(right.lib.kernels_count_primes_threads, n, threads)


def positional_threads(n, threads=1):
    """threads may be passed by position: count_primes(10, 2) is accepted."""
    return _threads(n, threads)


def thread_starting_default(n, *, threads=0):
    """Starts a thread per core unless told otherwise: behind its caller's back."""
    return _threads(n, threads)


def swapped_arguments(n, *, threads=1):
    """Passes n and threads to the C function in the wrong order: C cannot tell two
    uint64_t apart. Right at threads=1, which takes the single-thread function."""
    n, threads = check_n(n), check_threads(threads)
    if threads == 1:
        return _call(right.lib.kernels_count_primes, n)
    return _call(right.lib.kernels_count_primes_threads, threads, n)


def unchecked_threads(n, *, threads=1):
    """Leaves threads to ctypes and Rust: c_uint64 wraps -1 to 2**64 - 1 (the message shows
    that, not -1) and 2**64 + 3 to 3 (accepted), and refuses a float with ArgumentError."""
    return _call(right.lib.kernels_count_primes_threads, check_n(n), threads)


def clamped_threads(n, *, threads=1):
    """Quietly clamps threads into 0..=1024 instead of refusing what lies outside."""
    value = min(max(operator.index(threads), 0), 1024)
    return _threads(n, value)


def int_threads(n, *, threads=1):
    """Converts threads with int(), which takes floats and strings: not an index."""
    return _threads(n, threads, check=lambda t: check_threads(int(t)))


def threads_first(n, *, threads=1):
    """Checks threads before n: count_primes(-1, threads=-1) complains about threads."""
    threads = check_threads(threads)
    return _call(right.lib.kernels_count_primes_threads, check_n(n), threads)


def undocumented_threads(n, *, threads=1):
    """π(n): the number of primes p with 2 <= p <= n."""
    return _threads(n, threads)


# The same C function through PyDLL, which keeps the GIL for the whole call (CPython's
# alone: PyPy's ctypes has no PyDLL, and without the guard no wrong version would load).
if hasattr(ctypes, "PyDLL"):
    _held = ctypes.PyDLL(str(right.path)).kernels_count_primes_threads
    _held.argtypes = right.lib.kernels_count_primes_threads.argtypes
    _held.restype = ctypes.c_int


def gil_holding_count(n, *, threads=1):
    """Counts on threads, but keeps the GIL while they work: no other Python thread runs,
    and no signal handler either."""
    return _call(_held, check_n(n), check_threads(threads))


def deaf_count(n, *, threads=1):
    """Releases the GIL, but never asks whether to go on: a Ctrl-C waits for the whole count.
    (What ctypes and cffi do, and say: a foreign call cannot run signal handlers.)"""
    return _threads(n, threads)


WRONG = {
    wrong.__name__: SimpleNamespace(count_primes=wrong, MAX_N=right.MAX_N)
    for wrong in (positional_threads, thread_starting_default, swapped_arguments,
                  unchecked_threads, clamped_threads, int_threads, threads_first,
                  undocumented_threads, gil_holding_count, deaf_count)
}  # fmt: skip
# Made of PyDLL, which PyPy's ctypes lacks: there it does not exist, and the checks it
# proves are proven on CPython.
CPYTHON_ONLY = {"gil_holding_count"}
if not hasattr(ctypes, "PyDLL"):
    for _name in CPYTHON_ONLY:
        del WRONG[_name]
# Each documents threads as the right ones do, and says how it is wrong; but one.
for _name, _wrong in WRONG.items():
    if _name != "undocumented_threads":
        _function = _wrong.count_primes
        _function.__doc__ = f"{_c_abi.COUNT_PRIMES_DOC}\n\n    Wrong: {_function.__doc__}"
