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
    never twice. The caller cannot forget it and cannot do it too often.
    """
    buffer = ffi.new("PrimeBuffer *")
    status = lib.kernels_primes(n, buffer)
    size = buffer.len * ffi.sizeof("uint32_t")  # tells the GC how much memory rides on it
    return status, ffi.gc(buffer, lib.kernels_primes_free, size=size)


# ANCHOR_END: primes_buffer
