"""After chapter 3: the Rust library called through ctypes, and the trap its declarations avoid."""

import ctypes

from python_clients import ctypes_style

print("loaded", ctypes_style.path.name)
print("π(10**6)                =", ctypes_style.count_primes(10**6))
print("primes(30)              =", ctypes_style.primes(30))
print(
    r'count_doubles("aa\0bb") =',
    ctypes_style.count_doubles("aa\0bb"),
    "(a C string would stop at NUL)",
)

undeclared = ctypes.CDLL(str(ctypes_style.path))  # a fresh handle: no argtypes on it
count = ctypes.c_size_t()
undeclared.kernels_count_primes(2**32 + 3, ctypes.byref(count))
print("undeclared, n = 2**32 + 3 gives", count.value, "= π(3): ctypes passed 3")
try:
    ctypes_style.count_primes(2**32 + 3)
except ValueError as error:
    print("declared and checked, it raises ValueError:", error)
