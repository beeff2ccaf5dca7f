"""After chapter 1: what numpy gives before any Rust is written."""

from python_clients import numpy_style

table = numpy_style.sieve(30)
print("is_prime[:12]       =", table[:12].astype(int).tolist())
print("π(10**7)            =", numpy_style.count_primes(10**7))
# UTF-8 bytes would count "₂₂" as three doubles (e2 82 82 e2 82 82); code points say one.
print('count_doubles("₂₂") =', numpy_style.count_doubles("₂₂"))
