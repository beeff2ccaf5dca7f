"""Call one function under a tight address-space cap and report how it ended.

    python tests/memory_cap.py STYLE FUNCTION N MARGIN   # prints the answer or the exception

FUNCTION "count_primes:threads" calls count_primes(n, threads=2).

The cap is the memory mapped right now plus MARGIN bytes, set after the style is loaded and
lifted right after the call, so that only the call runs short of memory. An abort kills
this process, and the test sees a signal instead of a line. Linux only (/proc).
"""

import os
import resource
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from python_clients import load


def mapped():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def main(style, function, n, margin):
    name, _, keyword = function.partition(":")
    call = getattr(load(style), name)
    if keyword == "threads":
        call = lambda n, count=call: count(n, threads=2)  # noqa: E731
    resource.setrlimit(resource.RLIMIT_AS, (mapped() + margin, resource.RLIM_INFINITY))
    try:
        result = call(n)
        outcome = str(result if isinstance(result, int) else len(result))
    except MemoryError:
        outcome = "MemoryError"
    except BaseException as error:  # reported, not raised: the cap is still on
        outcome = type(error).__name__
    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    print(outcome)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
