"""The Rust kernels' C API through cffi, as packaged by maturin (or by milksnake).

`lib` holds the functions and `ffi` the types, both read from the cbindgen header: nothing
here repeats a declaration. `primes_buffer` ties the Rust allocation to a Python object.
"""


def _in_a_subinterpreter():
    try:
        import _interpreters as interpreters  # noqa: PLC0415 (3.13 and later)
    except ImportError:
        try:
            import _xxsubinterpreters as interpreters  # noqa: PLC0415 (3.12 and earlier)
        except ImportError:
            return False
    return interpreters.get_current() != interpreters.get_main()


# cffi's C backend does not support subinterpreters. On 3.12.1 a process whose
# subinterpreter had tried to load it aborted later, in the main interpreter (the version
# matrix found it). Refuse here, before anything of cffi is loaded, with the ImportError the
# contract asks for.
if _in_a_subinterpreter():
    raise ImportError(
        "primes_cffi cannot be loaded in a subinterpreter: cffi does not support them"
    )

from ._native import ffi, lib  # noqa: E402

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
