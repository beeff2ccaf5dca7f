"""How much memory Python's own allocator hands out during a block, at its peak: what a copy
made in Python (bytes, a numpy array) costs, and what Rust's allocations never do.

CPython has tracemalloc, which numpy reports its arrays to. PyPy has none: its objects
live in its GC, whose statistics (`gc.get_stats()`) say how much memory the GC holds, but
keep no peak that can be reset. So on PyPy the GC is stopped for the block (no major
collection frees what the block dropped) and the peak is the growth of what it holds: a
copy shows even if it was dropped at once. numpy's arrays are malloc's on PyPy, not the
GC's: there the resident peak, not this, sees a copy into one.
"""

import gc
import sys

try:
    import tracemalloc
except ImportError:  # PyPy: no _tracemalloc
    tracemalloc = None


class PythonAllocator:
    """Started when made; `peak()` is the most it held during the block, in bytes."""

    def __init__(self):
        if tracemalloc is not None:
            tracemalloc.start()
            return
        gc.collect()
        gc.disable()
        self.before = _gc_memory()

    def peak(self):
        if tracemalloc is not None:
            return tracemalloc.get_traced_memory()[1]
        return max(_gc_memory() - self.before, 0)

    def stop(self):
        if tracemalloc is not None:
            tracemalloc.stop()
        else:
            gc.enable()


def _gc_memory():
    """The bytes PyPy's GC holds now: its arenas, its nursery and its raw-malloced objects
    (`_s` holds the numbers that get_stats() formats as text)."""
    return gc.get_stats()._s.total_gc_memory


assert tracemalloc is not None or sys.implementation.name == "pypy", "tracemalloc is CPython's"
