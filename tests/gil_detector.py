"""Does a call let other Python threads run while it works? The GIL detector of the
contract suite and of exercise 09 (its own tests, with the fakes it must see through, are in
tests/test_gil_detector.py)."""

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
