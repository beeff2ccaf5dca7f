"""Does a call let other Python threads run while it works? The GIL detector of the
contract suite and of exercise 09."""

import sys
import threading
import time


# ANCHOR: gil_detector
def ran_python_during(call, attempts=20):
    """Did another Python thread run while `call()` was running, in any of `attempts` calls?

    The switch interval is raised so far that the interpreter never takes the GIL from a
    thread by force: the main thread only runs if the call gives the GIL up (or blocks). A
    call that holds the GIL can never let it run, however often it is tried; a call that
    releases it lets it run unless it ends before the main thread wakes, hence the retries.
    """
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        return any(_main_thread_ticked_during(call) for _ in range(attempts))
    finally:
        sys.setswitchinterval(interval)


def _main_thread_ticked_during(call):
    ticks = 0
    window = {}
    done = threading.Event()

    def worker():
        window["before"] = ticks
        call()
        window["after"] = ticks
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0)  # releases the GIL: the worker can take it back when it wants
    thread.join()
    return window["after"] > window["before"]


# ANCHOR_END: gil_detector
