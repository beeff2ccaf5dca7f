"""Watch one implementation of the array functions in a process of its own, and report.

    python tests/array_probe.py SUBJECT CHECK   # prints one JSON object

SUBJECT is a style name, or "wrong:NAME" for one of the deliberately wrong implementations
of tests/wrong_arrays.py. Each check runs in a fresh process: a use-after-free or a double
free kills that process, and the test sees it die instead of dying with it. The numbers
are memory, never time. Linux only (/proc, glibc's mallinfo2).
"""

import gc
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np

from python_clients import load
from tests.ctrl_c import c_heap, peak_resident
from tests.gil_detector import PAUSE
from tests.wrong_arrays import WRONG

# π(10**7): 664579 primes, the last three 9999971, 9999973, 9999991.
MIB = 2**20


def lifetime(kernels):
    """primes_array's memory lives while the array or any view of it does, then is freed."""
    gc.collect()
    start = c_heap()
    array = kernels.primes_array(10**7)
    held = c_heap() - start
    tail = array[-3:]  # a view: it alone must keep the memory alive now
    del array
    gc.collect()
    with_view = c_heap() - start
    values = tail.tolist()  # read after the array is gone
    del tail
    gc.collect()
    return {"held": held, "with_view": with_view, "after": c_heap() - start, "values": values}


def handover(kernels):
    """How much resident memory primes_array(10**8) adds at its peak: its 23 MB of primes
    once when Rust's allocation is handed over, twice when it is copied."""
    before = peak_resident()
    array = kernels.primes_array(10**8)
    return {"peak": peak_resident() - before, "nbytes": array.nbytes}


def borrow(kernels):
    """How much resident memory counting a 256 MiB array adds at its peak: none if it is
    borrowed, 256 MiB if it is copied."""
    array = np.full(256 * MIB, 7, dtype=np.uint8)  # written, so resident before we start
    before = peak_resident()
    count = kernels.count_equal_neighbours(array)
    return {"peak": peak_resident() - before, "count": count, "expected": array.size - 1}


def resize(kernels):
    """While Rust reads a 256 MiB bytearray, another thread tries to resize it: the export
    must make those attempts fail with BufferError.

    As in tests/gil_detector.py, the switch interval is raised so far that the resizing
    thread runs only when the main thread gives the GIL up of its own accord: during a call
    that releases it. So an attempt made while the main thread runs Python, with an export
    held (between two lines of a wrapper), cannot be mistaken for one made while Rust reads.
    Repeated: the thread may not get to run during a short call.
    """
    data = bytearray(b"\x07") * (256 * MIB)
    expected = len(data) - 1
    refused, done = [0], threading.Event()

    def resizer():
        while not done.is_set():
            try:
                data.append(0)
                data.pop()
            except BufferError:
                refused[0] += 1
            time.sleep(PAUSE)  # gives the GIL back: the main thread keeps it until it lets go

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    thread = threading.Thread(target=resizer)
    thread.start()
    try:
        counts = []
        for _ in range(20):
            counts.append(kernels.count_equal_neighbours(data))
            if refused[0]:
                break
    finally:
        done.set()
        thread.join()
        sys.setswitchinterval(interval)
    return {"refused": refused[0], "counts": sorted(set(counts)), "expected": expected}


def release(kernels):
    """After a call the export is released and no reference is left behind."""
    data = bytearray(b"aab")
    references = sys.getrefcount(data)
    for _ in range(1000):
        kernels.count_equal_neighbours(data)
    try:
        data.append(1)
        resizable = True
    except BufferError:
        resizable = False
    return {"resizable": resizable, "references": sys.getrefcount(data) - references}


CHECKS = {check.__name__: check for check in (lifetime, handover, borrow, resize, release)}


def subject(name):
    if name.startswith("wrong:"):
        return WRONG[name.removeprefix("wrong:")]
    return load(name)


if __name__ == "__main__":
    print(json.dumps(CHECKS[sys.argv[2]](subject(sys.argv[1]))))
