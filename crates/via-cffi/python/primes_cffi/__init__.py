"""The Rust kernels' C API through cffi, as packaged by milksnake.

`lib` holds the functions and `ffi` the types, both read from the cbindgen header: nothing
here repeats a declaration. `primes_buffer` ties the Rust allocation to a Python object.
"""

from ._native import ffi, lib

__all__ = ["ffi", "lib", "primes_buffer"]


# ANCHOR: primes_buffer
def primes_buffer(n):
    """Call kernels_primes(n) and return (status, buffer), where `buffer` owns the primes.

    ffi.gc attaches kernels_primes_free to the buffer object: it runs when the object is
    collected, or at once on `ffi.release(buffer)` or at the end of `with buffer:`, and
    never twice. The caller cannot forget it and cannot do it too often. It is attached
    before the call, to the still empty buffer (whose free does nothing): attached after,
    a KeyboardInterrupt landing between the two would leave the primes with no owner.
    """
    buffer = ffi.gc(ffi.new("PrimeBuffer *"), lib.kernels_primes_free)
    return lib.kernels_primes(n, buffer), buffer


# ANCHOR_END: primes_buffer
