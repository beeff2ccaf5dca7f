"""After chapter 6: the PyO3 module, as documented and typed as any Python library."""

import primes_pyo3

print(primes_pyo3.__doc__)
print("count_primes", primes_pyo3.count_primes.__text_signature__, "->", end=" ")
print(primes_pyo3.count_primes.__doc__.splitlines()[0])
print("π(10**8)      =", primes_pyo3.count_primes(10**8))
print("primes(30)    =", primes_pyo3.primes(30))
print("doubles('éé') =", primes_pyo3.count_doubles("éé"))
for bad in (-1, 2**40, 1.5):
    try:
        primes_pyo3.count_primes(bad)
    except (ValueError, TypeError) as error:
        print(f"count_primes({bad!r}) raises {type(error).__name__}: {error}")
