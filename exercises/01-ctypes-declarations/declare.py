"""Exercise 01: tell ctypes the C signatures of two functions."""

import ctypes  # noqa: F401 - you will need it


def declare(lib):
    """Set argtypes and restype on lib.kernels_count_primes and lib.kernels_count_doubles."""
    # Your declarations here.
    return lib
