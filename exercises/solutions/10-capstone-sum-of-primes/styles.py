"""Exercise 10, a reference solution: the three styles of sum_primes."""

import ctypes

from native import library

LIBRARY = library("ex10")  # libex10.so on Linux, libex10.dylib on macOS
LIMIT = 10**7


def pure_python(n):
    """The reference: a set-based sieve, as in chapter 1, with the contract's checks."""
    if not isinstance(n, int):
        raise TypeError("n must be an int")
    if not 0 <= n <= LIMIT:
        raise ValueError(f"n must be between 0 and {LIMIT}, got {n}")
    crossed, total = set(), 0
    for i in range(2, n + 1):
        if i not in crossed:
            total += i
            crossed.update(range(i * i, n + 1, i))
    return total


def ctypes_style(n):
    """sum_primes through ex10_sum_primes and ctypes."""
    if not isinstance(n, int):
        raise TypeError("n must be an int")
    if not 0 <= n <= LIMIT:  # before crossing: ctypes would wrap a negative n
        raise ValueError(f"n must be between 0 and {LIMIT}, got {n}")
    lib = ctypes.CDLL(str(LIBRARY))
    lib.ex10_sum_primes.argtypes = [ctypes.c_uint64, ctypes.POINTER(ctypes.c_uint64)]
    lib.ex10_sum_primes.restype = ctypes.c_int
    total = ctypes.c_uint64()
    if lib.ex10_sum_primes(n, ctypes.byref(total)) != 0:
        raise ValueError(f"ex10_sum_primes refused n = {n}")
    return total.value
