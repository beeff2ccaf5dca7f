# The package around the compiled module primes_pyo3.primes_pyo3 (src/lib.rs). Written by
# hand rather than left to maturin, whose generated file reads the submodule as a package
# attribute: after `del sys.modules["primes_pyo3"]` a second import finds that attribute
# missing and fails with NameError. Importing the names is right on every import.
from .primes_pyo3 import (
    MAX_N,
    count_doubles,
    count_equal_neighbours,
    count_primes,
    primes,
    primes_array,
)
from .primes_pyo3 import __doc__ as __doc__  # the doc comment of src/lib.rs

__all__ = [
    "MAX_N",
    "count_doubles",
    "count_equal_neighbours",
    "count_primes",
    "primes",
    "primes_array",
]
