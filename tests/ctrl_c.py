"""Press Ctrl-C during primes(n), from another process, and report what it did.

    python tests/ctrl_c.py STYLE N      prints: outcome, peak growth (MiB), growth left (MiB)

STYLE may also be "control": a conversion deaf to signals, which the test must catch. The
other process presses Ctrl-C once memory starts to fill (in the sieve, or for the control
in its conversion): triggered by progress, not by a clock, and needing no GIL of ours.
Linux only (/proc).
"""

import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from python_clients import ctypes_style, load

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
    ct = ctypes_style.ctypes
    buffer = ctypes_style.PrimeBuffer()
    ctypes_style.lib.kernels_primes(n, ct.byref(buffer))
    array = (ct.c_uint32 * buffer.len).from_address(ct.addressof(buffer.data.contents))
    return lambda: memoryview(array).cast("B").cast("I").tolist()


def watch(pid, limit):
    """Send SIGINT to `pid` once its resident memory passes `limit` bytes."""
    print("ready", flush=True)
    while resident(pid) <= limit:
        pass
    os.kill(pid, signal.SIGINT)


def main(style, n):
    if style == "control":  # Ctrl-C lands in the conversion, the part under test
        work = deaf_conversion(n)
    else:  # Ctrl-C lands in the sieve; the list must not be built after it
        work = lambda: load(style).primes(n)  # noqa: E731
    before = resident()
    watcher = subprocess.Popen(
        [sys.executable, __file__, "watch", str(os.getpid()), str(before + 40 * MIB)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    watcher.stdout.readline()
    try:
        work()
        outcome = "returned"
    except KeyboardInterrupt:
        outcome = "interrupted"
    watcher.wait()
    print(outcome, (peak_resident() - before) // MIB, (resident() - before) // MIB)


if __name__ == "__main__":
    if sys.argv[1] == "watch":
        watch(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main(sys.argv[1], int(sys.argv[2]))
