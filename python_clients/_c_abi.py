"""What the two styles that call the C ABI (ctypes and cffi) share: where cargo puts the
library, and the meaning of its status codes as the contract's exceptions."""

import os
import sys
from pathlib import Path

from ._contract import check_n, check_threads

ROOT = Path(__file__).resolve().parent.parent


# ANCHOR: library_path
def library_path(crate, profile="release"):
    """Where cargo puts a cdylib: the name's prefix and suffix depend on the platform."""
    if sys.platform == "win32":
        name = f"{crate}.dll"
    elif sys.platform == "darwin":
        name = f"lib{crate}.dylib"
    else:
        name = f"lib{crate}.so"
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / profile / name


# ANCHOR_END: library_path


# UTF-32 in the machine's byte order, without a byte-order mark: what Rust reads as u32.
UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"


# ANCHOR: encode
def encode(s):
    """The text `s` (an exact str, from check_s) as bytes for the C ABI, with the function
    that reads them: ASCII as UTF-8 (a plain copy), anything else as UTF-32 (one 4-byte unit
    per code point; "surrogatepass" keeps lone surrogates as they are).

    The length that crosses the boundary is always `len()` of these bytes, never `len(s)`:
    the pointer and the length must describe the same buffer. A str subclass can make
    `len(s)` say anything, and Rust would read that far past the end of the bytes.
    """
    if s.isascii():
        return "kernels_count_doubles", s.encode("utf-8")
    return "kernels_count_doubles_utf32", s.encode(UTF32, "surrogatepass")


# ANCHOR_END: encode

# ANCHOR: build_list
LIST_CHUNK = 1 << 20


def build_list(length, unpack):
    """A list of `length` ints, `unpack(start, stop)` returning each slice of them.

    One C call that converts a hundred million primes holds the GIL for seconds, deaf to
    Ctrl-C: Python runs signal handlers only between its own instructions. A million at a
    time costs nothing measurable, and KeyboardInterrupt arrives between two slices.
    """
    result = []
    for start in range(0, length, LIST_CHUNK):
        result += unpack(start, min(start + LIST_CHUNK, length))
    return result


# ANCHOR_END: build_list


# ANCHOR: array_over
def numpy():
    """numpy, imported when an array function first needs it: the rest works without it.
    The array functions ask before they sieve, so a missing numpy costs no sieve."""
    import numpy  # noqa: PLC0415

    return numpy


def array_over(address, length, owner):
    """A numpy array of `length` uint32s at `address`, in memory that `owner` frees when it
    is collected: no copy. The array's base is a small object that holds `owner`, so the
    memory lives exactly as long as the array or any slice or view of it."""
    return numpy().asarray(_Lent(address, length, owner))


class _Lent:
    """Describes Rust's primes to numpy through the array interface, and keeps their owner,
    out of reach: nothing reachable from the array can free the memory under it."""

    __slots__ = ("__owner", "_interface")

    def __init__(self, address, length, owner):
        self.__owner = owner
        self._interface = {
            "shape": (length,),
            "typestr": ("<" if sys.byteorder == "little" else ">") + "u4",
            "data": (address, False),  # False: not read-only; the array is the caller's
            "version": 3,
        }

    @property
    def __array_interface__(self):
        return self._interface


# ANCHOR_END: array_over

# ANCHOR: count_primes_doc
COUNT_PRIMES_DOC = """π(n): the number of primes p with 2 <= p <= n, on `threads` threads.

    threads=1 (the default) counts on the calling thread; 0 starts one thread per core, and
    any other number up to 1024 that many (at most one per core), for this call only. A
    Ctrl-C during the count arrives when the count ends: a foreign call cannot run Python's
    signal handlers."""


def count_primes_with(call, n, threads):
    """count_primes through the C ABI: `call(function_name, *arguments)` calls the library
    and returns the count. n is checked before threads, as in every style; threads=1 takes
    the single-thread function, which starts no thread at all."""
    n, threads = check_n(n), check_threads(threads)
    if threads == 1:
        return call("kernels_count_primes", n)
    return call("kernels_count_primes_threads", n, threads)


# ANCHOR_END: count_primes_doc

# ANCHOR: exceptions
# The Status enum of crates/via-ctypes/src/status.rs. A panic is a bug in Rust, reported
# the way CPython reports its own internal errors.
EXCEPTIONS = {
    1: ValueError,  # STATUS_OUT_OF_RANGE
    2: MemoryError,  # STATUS_OUT_OF_MEMORY
    3: ValueError,  # STATUS_INVALID_TEXT
    4: ValueError,  # STATUS_NULL_POINTER
    5: SystemError,  # STATUS_PANIC
    6: ValueError,  # STATUS_INVALID_ITEMS
    7: ValueError,  # STATUS_THREADS_OUT_OF_RANGE
}


def check(status, last_error):
    """Raise the exception for a non-zero status, with the message Rust kept for this thread.

    `last_error()` returns that message as bytes; it is only called on failure.
    """
    if status != 0:
        message = last_error().decode("utf-8", "replace")
        raise EXCEPTIONS.get(status, SystemError)(message)


# ANCHOR_END: exceptions
