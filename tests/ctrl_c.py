"""Press Ctrl-C during primes(n), from another process, and report what it did; or during
count_primes(MAX_N, threads=2), from another thread.

    python tests/ctrl_c.py STYLE N MOMENT   prints: outcome, peak growth, C heap left (MiB)
    python tests/ctrl_c.py STYLE count      prints: outcome, work of the call, work of half

Another process presses Ctrl-C once memory has grown past a mark: 40 MiB for MOMENT "sieve"
(the primes as u32 are filling), 150 MiB for "list" (past the 4 bytes a prime that the sieve
needs: the Python ints are being made). Triggered by progress, not by a clock, and needing
no GIL of ours. STYLE may also be "control": a conversion deaf to signals, which the test
must catch. Linux only (/proc).
"""

import ctypes
import gc
import os
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from python_clients import _c_abi, ctypes_style, load
from tests.gil_detector import PAUSE
from tests.isolated import subject

MIB = 2**20


def resident(pid=None):
    with open(f"/proc/{pid or os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_resident():
    with open("/proc/self/status") as status:
        return int(status.read().split("VmHWM:")[1].split()[0]) * 1024


def deaf_conversion(n):
    """The control: the primes computed first, then one C loop that converts them all and
    hears no signal until it ends. Returns the conversion, to be interrupted."""
    view = ctypes_style.primes_view(unfreed_primes(n))
    return view.tolist


def watch(pid, limit):
    """Send SIGINT to `pid` once its resident memory passes `limit` bytes."""
    print("ready", flush=True)
    while resident(pid) <= limit:
        pass
    os.kill(pid, signal.SIGINT)


MARKS = {"sieve": 40 * MIB, "list": 150 * MIB}


def leaky_primes(n):
    """The other control: interruptible, but the primes are never freed."""
    buffer = unfreed_primes(n)
    view = ctypes_style.primes_view(buffer)
    return _c_abi.build_list(buffer.len, lambda start, stop: view[start:stop].tolist())


def unfreed_primes(n):
    """The primes up to n in a Rust buffer that nothing will free (the controls' own)."""
    buffer = ctypes_style.PrimeBuffer()
    ctypes_style.lib.kernels_primes(n, ctypes.byref(buffer))
    return buffer


def interrupted(work, mark):
    """Run `work` while the other process waits for memory to grow by `mark` and then
    presses Ctrl-C: "interrupted" or "returned"."""
    watcher = subprocess.Popen(
        [sys.executable, __file__, "watch", str(os.getpid()), str(resident() + mark)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    watcher.stdout.readline()
    try:
        work()
        outcome = "returned"
    except KeyboardInterrupt:
        outcome = "interrupted"
    watcher.wait()
    return outcome


def main(style, n, moment):
    if style == "control":  # the primes found first: Ctrl-C lands in the conversion
        work = deaf_conversion(n)
    elif style == "leak":
        work = lambda: leaky_primes(n)  # noqa: E731
    else:
        work = lambda: load(style).primes(n)  # noqa: E731
    before, heap = resident(), c_heap()
    outcome = interrupted(work, MARKS[moment])
    peak = peak_resident() - before
    collect()  # what is left after the GC has run is what leaked
    print(outcome, peak // MIB, (c_heap() - heap) // MIB)


def collect():
    """Free whatever is unreachable, now. CPython frees most things the moment their last
    reference goes; PyPy has no reference counts and frees them, and runs the finalizers
    that free Rust's memory (ffi.gc, __del__), only when its GC runs. Three collections:
    on PyPy each frees one link of a numpy array (a C object, through cpyext), its base,
    and the owner whose finalizer frees Rust's memory. PyPy's big lists live in malloc's
    heap too."""
    for _ in range(3):
        gc.collect()


def c_heap():
    """Bytes malloc has handed out and not had back (glibc's mallinfo2): where Rust's
    allocations live. Resident memory would not do: Python's allocator on the
    free-threaded build (mimalloc) keeps freed pages for reuse."""

    class MallInfo2(ctypes.Structure):
        names = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"
        _fields_ = [(name, ctypes.c_size_t) for name in names.split()]

    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    return info.uordblks + info.hblkhd


def threads_now():
    return len(os.listdir("/proc/self/task"))


def interrupted_count(count):
    """Run `count()` while another thread waits for the process to gain a thread, and then
    presses Ctrl-C: "interrupted" or "returned".

    The progress signal needs no clock: the workers exist only inside the call, so a new
    thread means the count has begun; a count that keeps the GIL (or starts no thread) is
    never interrupted in the middle, and reports "returned", or "interrupted" after the end.
    """
    armed, pressed, lock, before = threading.Event(), [False], threading.Lock(), []

    def press_once_the_workers_start():
        armed.wait()
        while True:
            with lock:  # never after the call has ended
                if pressed[0] or threads_now() > before[0]:
                    if not pressed[0]:
                        os.kill(os.getpid(), signal.SIGINT)
                    return
            time.sleep(PAUSE)  # gives the GIL away

    presser = threading.Thread(target=press_once_the_workers_start)
    presser.start()
    before.append(threads_now())
    try:
        try:
            armed.set()
            count()
            outcome = "returned"
        finally:
            with lock:
                pressed[0] = True  # (or too late to press)
            presser.join()
    except KeyboardInterrupt:
        outcome = "interrupted"
    return outcome


def main_count(style):
    """Ctrl-C during count_primes(MAX_N, threads=2), and the work it did, in CPU seconds of
    the whole process: beside the work of counting to MAX_N // 2 (after, uninterrupted), a
    count that stopped at once did far less, one that went on to its end about twice as
    much. Work measured this way is not a duration: waiting on a loaded machine adds none."""
    kernels = subject(style)
    start = time.process_time()
    outcome = interrupted_count(lambda: kernels.count_primes(kernels.MAX_N, threads=2))
    work = time.process_time() - start
    start = time.process_time()
    kernels.count_primes(kernels.MAX_N // 2, threads=2)
    print(outcome, work, time.process_time() - start)


if __name__ == "__main__":
    if sys.argv[2:] == ["count"]:
        main_count(sys.argv[1])
    elif sys.argv[1] == "watch":
        watch(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
