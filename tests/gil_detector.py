"""Does a call let other Python threads run while it works? The GIL detector of the
contract suite and of exercise 09 (its own tests, with the fakes it must see through, are in
tests/test_gil_detector.py).

`ran_python_during` asks whether the main thread ran many times during the call: enough to
tell a real release from a GIL given up for an instant. `ran_python_for_most_of`, exercise
09's, asks more: whether it ran nearly as often as it does beside work that holds no GIL at
all, so that a call releasing the GIL for a part of its work only is caught too.
"""

import functools
import hashlib
import sys
import threading
import time

# ANCHOR: gil_detector
# How often the main thread must get to run while one call works. A call that holds the GIL
# for its work, and gives it up only for an instant before or after, lets it run 0-2 times;
# one that works without the GIL lets it run once per PAUSE for as long as the work lasts.
TICKS = 10
# How long the main thread gives the GIL away at each tick: long enough for a worker that
# wants it back to take it at once (sleep(0) returns at once on some systems).
PAUSE = 5e-5


def ran_python_during(call, attempts=20, ticks=TICKS):
    """Did the main thread run `ticks` times while `call()` worked, in one of `attempts` calls?

    The switch interval is raised so far that the interpreter never takes the GIL from a
    thread by force: the main thread only runs while the call has given the GIL up. Counting
    how often it runs, not whether it ran, tells real progress from a GIL released for an
    instant. The retries are for fast kernels, which may end before the main thread wakes.
    """
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        return any(ticks_during(call) >= ticks for _ in range(attempts))
    finally:
        sys.setswitchinterval(interval)


def ticks_during(call):
    """How many times the main thread ran while `call()` ran on another thread.

    What the call raises is raised here, once it has ended: never a silent endless wait.
    """
    ticks = 0
    window = {}
    done = threading.Event()

    def worker():
        try:
            window["before"] = ticks
            call()
            window["after"] = ticks
        except BaseException as error:  # re-raised on the main thread, whatever it is
            window["error"] = error
        finally:
            done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    while not done.is_set():
        ticks += 1
        time.sleep(PAUSE)  # gives the GIL away: a worker that waits for it takes it now
    thread.join()
    if "error" in window:
        raise window["error"]
    return window["after"] - window["before"]


# ANCHOR_END: gil_detector

# What ran_python_for_most_of compares with: hashing a block this big releases the GIL (any
# block over 2047 bytes does), for about as long as one tick takes.
BLOCK = bytes(1 << 18)
# The share of the calibration's ticks the call must let the main thread have. A call that
# works without the GIL gets 0.9 to 1.1 of them, a fast one (a few hundred ticks) down to 0.75
# on a loaded machine; one that holds the GIL for the first half of its work, 0.35 to 0.6.
SHARE = 0.75


def ran_python_for_most_of(call, attempts=3, share=SHARE, ticks=TICKS):
    """Did the main thread run, while `call()` worked, at least `share` of the times it runs
    over the same span beside work that holds no GIL at all, and at least `ticks` times?

    A ratio of two counts taken under the same conditions, so that the speed of the machine
    and the load on it cancel out: only the time the call holds the GIL is missing from it.
    Returns (passed, the best share seen), the share for the failure message.
    """
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    best = 0.0
    try:
        for _ in range(attempts):
            during, span = ticks_and_span(call)
            beside = max(1, ticks_and_span(functools.partial(without_the_gil_for, span))[0])
            best = max(best, during / beside)
            if during >= ticks and during >= share * beside:
                return True, best
        return False, best
    finally:
        sys.setswitchinterval(interval)


def ticks_and_span(call):
    """ticks_during(call), and how many seconds the call took."""
    span = {}

    def timed():
        start = time.perf_counter()
        call()
        span["seconds"] = time.perf_counter() - start

    return ticks_during(timed), span["seconds"]


def without_the_gil_for(seconds):
    """Work for `seconds` the way a call that releases the GIL does: hashlib hashes a big
    block without it, and holds it only between two blocks."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        hashlib.sha256(BLOCK)
