"""Watch one implementation of the array functions in a process of its own, and report.

    python tests/array_probe.py SUBJECT CHECK   # prints one JSON object

SUBJECT is a style name, or "wrong:NAME" for one of the deliberately wrong implementations
of tests/wrong_arrays.py. Each check runs in a fresh process: a use-after-free or a double
free kills that process, and the test sees it die instead of dying with it. The numbers
are memory, never time. Linux only (/proc, glibc's mallinfo2).
"""

import _thread
import array
import gc
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np

from tests.ctrl_c import c_heap, collect, peak_resident
from tests.gil_detector import PAUSE
from tests.isolated import subject
from tests.python_allocator import PythonAllocator

# π(10**7): 664579 primes, the last three 9999971, 9999973, 9999991.
MIB = 2**20
# PyPy's cpyext makes a C twin of an object the first time it crosses into C (numpy's, a
# Rust binding's) and pools the memory of those twins: the first call of each kind costs
# memory that stays, and is no leak. There each check measures a call made once before.
PYPY = sys.implementation.name == "pypy"


def reset_peak():
    """Start the kernel's count of peak resident memory again from what is resident now
    (Linux's clear_refs), so that peak_resident() - resident() is the peak of what follows."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def lifetime(kernels):
    """primes_array's memory lives while the array or any view of it does, then is freed.
    Each measure after a full collection (ctrl_c.collect): on PyPy, `del` frees nothing."""
    if PYPY:
        kernels.primes_array(10**7)
    collect()
    start = c_heap()
    array = kernels.primes_array(10**7)
    held = c_heap() - start
    tail = array[-3:]  # a view: it alone must keep the memory alive now
    del array
    collect()
    with_view = c_heap() - start
    values = tail.tolist()  # read after the array is gone
    del tail
    collect()
    return {"held": held, "with_view": with_view, "after": c_heap() - start, "values": values}


def handover(kernels):
    """How much memory primes_array(10**8) adds at its peak: resident, its 23 MB of primes
    once when Rust's allocation is handed over, twice when it is copied; and as Python's
    allocator sees it (tracemalloc, which numpy reports to, and Rust never does): nothing
    when handed over, one array's worth per copy alive at a time."""
    allocator = PythonAllocator()
    before = peak_resident()
    array = kernels.primes_array(10**8)
    peak = peak_resident() - before
    traced = allocator.peak()
    allocator.stop()
    return {"peak": peak, "traced": traced, "nbytes": array.nbytes}


def borrow(kernels):
    """How much memory counting a 256 MiB array adds at its peak, for a writable numpy array
    and for read-only bytes: none if they are borrowed, 256 MiB if copied whole. Python's
    allocator (tests/python_allocator.py) must see no copy either, not even one made a piece
    at a time."""
    outcome = {}
    for name, data in (("numpy", np.full(256 * MIB, 7, dtype=np.uint8)),
                       ("bytes", b"\x07" * (256 * MIB))):  # fmt: skip
        if PYPY:  # cpyext copies a bytes into its C twin at its first crossing, once
            kernels.count_equal_neighbours(data)
            collect()
            reset_peak()  # the first call's peak is not this one's
        allocator = PythonAllocator()
        before = peak_resident()  # both written above, so already resident
        count = kernels.count_equal_neighbours(data)
        traced = allocator.peak()
        allocator.stop()
        outcome[name] = {"peak": peak_resident() - before, "traced": traced, "count": count}
        del data
        collect()  # PyPy frees the numpy array only when its GC runs
    return outcome | {"expected": 256 * MIB - 1}


def resize(kernels):
    """While Rust reads 256 MiB, another thread tries to resize what it reads, a bytearray
    and an array.array of 8-byte items (a binding may release the GIL for one item size and
    not another): the export must make those attempts fail with BufferError.

    As in tests/gil_detector.py, the switch interval is raised so far that the resizing
    thread runs only when the main thread gives the GIL up of its own accord: during a call
    that releases it. So an attempt made while the main thread runs Python, with an export
    held (between two lines of a wrapper), cannot be mistaken for one made while Rust reads.
    Repeated: the thread may not get to run during a short call.
    """
    targets = {"bytes": bytearray(b"\x07") * (256 * MIB), "uint64": array.array("Q", [7])}
    targets["uint64"] *= 32 * MIB
    current, refused, done = [None], [0], threading.Event()

    def resizer():
        while not done.is_set():
            try:
                current[0].append(0)
                current[0].pop()
            except BufferError:
                refused[0] += 1
            time.sleep(PAUSE)  # gives the GIL back: the main thread keeps it until it lets go

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    outcome = {}
    thread = threading.Thread(target=resizer)
    try:
        for kind, data in targets.items():
            # Before the resizer sees it: without a GIL it runs all the time, and a byte it
            # has just appended (a 0, never equal to a 7) may be there when a count starts.
            expected = len(data) - 1
            current[0], refused[0], counts = data, 0, []
            if not thread.is_alive():
                thread.start()
            for _ in range(20):
                counts.append(kernels.count_equal_neighbours(data))
                if refused[0]:
                    break
            outcome[kind] = {
                "refused": refused[0],
                "counts": sorted(set(counts)),
                "expected": expected,
            }
    finally:
        done.set()
        if thread.is_alive():
            thread.join()
        sys.setswitchinterval(interval)
    return outcome


def release(kernels):
    """After a call the export is released and no reference is left behind: for an empty
    buffer too, where code that returns early may skip the release."""
    outcome = {}
    for data in (bytearray(b"aab"), bytearray()):
        references = references_to(data)
        for _ in range(1000):
            kernels.count_equal_neighbours(data)
        left = references_to(data) - references
        outcome[len(data)] = {"resizable": resizable(data), "references": left}
    return outcome


def references_to(obj):
    """How many references to `obj` there are: its reference count, or on PyPy, which
    counts none, how many objects refer to it once the garbage is gone."""
    if hasattr(sys, "getrefcount"):
        return sys.getrefcount(obj)
    collect()
    return len(gc.get_referrers(obj))


def resizable(data):
    try:
        data.append(1)
    except BufferError:
        return False
    data.pop()
    return True


def interrupt(kernels):
    """Ctrl-C while counting: KeyboardInterrupt, and the bytearray free to resize again,
    even while the exception (and its traceback, and every frame in it) is kept.

    `_thread.interrupt_main` is Ctrl-C as the interpreter sees it. It lands wherever the
    main thread is: inside a slow count, or between two quick ones."""
    data = bytearray(b"\x07") * (16 * MIB)
    timer = threading.Timer(0.2, _thread.interrupt_main)
    timer.start()
    try:
        for _ in range(100_000):
            kernels.count_equal_neighbours(data)
        return {"raised": None}
    except BaseException as error:  # kept: its traceback too
        kept = error
    timer.join()
    return {"raised": type(kept).__name__, "resizable": resizable(data)}


CHECKS = {
    check.__name__: check for check in (lifetime, handover, borrow, resize, release, interrupt)
}


if __name__ == "__main__":
    print(json.dumps(CHECKS[sys.argv[2]](subject(sys.argv[1]))))
