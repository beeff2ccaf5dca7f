"""After the arrays chapter: who owns primes_array's memory in each style, and a borrow."""

import array

import numpy as np

from python_clients import STYLES, load

print(f"{'style':13} {'primes_array(30)[:5]':22} {'the array base (the owner)':44} borrowed")
for name in STYLES:
    kernels = load(name)
    primes = kernels.primes_array(30)
    base = primes.base
    # ctypes and cffi: python_clients/_c_abi.py's _Lent, which keeps Rust's buffer's owner.
    owner = "none: the array owns its memory" if base is None else type(base).__qualname__
    counts = [
        kernels.count_equal_neighbours(buffer)
        for buffer in (b"aab", array.array("q", [5, 5, 5]), np.array([7, 7, 7, 8], dtype=">u4"))
    ]
    print(f"{name:13} {primes[:5]!s:22} {owner:44} {counts}")
