"""Exercise 01, a reference solution."""

import ctypes


def declare(lib):
    """Set argtypes and restype on lib.kernels_count_primes and lib.kernels_count_doubles."""
    size_out = ctypes.POINTER(ctypes.c_size_t)
    lib.kernels_count_primes.argtypes = [ctypes.c_uint64, size_out]
    lib.kernels_count_primes.restype = ctypes.c_int
    lib.kernels_count_doubles.argtypes = [ctypes.c_char_p, ctypes.c_size_t, size_out]
    lib.kernels_count_doubles.restype = ctypes.c_int
    return lib
