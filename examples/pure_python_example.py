"""After chapter 1: the algorithms from the talks, in plain Python, with the contract's checks."""

from python_clients import pure_python

print("π(1000)           =", pure_python.count_primes(1000))
print("primes(30)        =", pure_python.primes(30))
print("count_doubles     =", pure_python.count_doubles("Mississippi"), "(ss, ss, pp)")
print("the regex variant =", pure_python.count_doubles_re("Mississippi"))
try:
    pure_python.count_primes(-1)
except ValueError as error:
    print("count_primes(-1) raises ValueError:", error)
