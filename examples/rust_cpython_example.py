"""After chapter 5: the rust-cpython extension module, imported like any other module."""

import threading

import primes_rust_cpython

print(primes_rust_cpython.__doc__.splitlines()[0])
print("π(10**6)     =", primes_rust_cpython.count_primes(10**6))
print("primes(30)   =", primes_rust_cpython.primes(30))
print("doubles('😀😀😀') =", primes_rust_cpython.count_doubles("😀😀😀"))

# py.allow_threads released the GIL: these two calls run on two cores at once.
results = [None, None]
threads = [
    threading.Thread(
        target=lambda i=i: results.__setitem__(i, primes_rust_cpython.count_primes(10**8))
    )
    for i in range(2)
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("two threads, π(10**8) twice =", results)
