"""The checks of ../shared/contract.md that Python-side wrappers run before crossing into
native code. The Rust bindings (rust-cpython, PyO3) do the same checks in Rust, with the
same messages, taken from `kernels::Error`."""

import operator

MAX_N = 2**32 - 1


def check_n(n: object) -> int:
    """Return `n` as a plain int, or raise the contract's TypeError or ValueError.

    `operator.index` accepts what Python itself accepts as an index (int, bool, numpy
    integers) and rejects float, str and None with a TypeError, as the native styles do.
    """
    value = operator.index(n)
    if not 0 <= value <= MAX_N:
        raise ValueError(f"n must be between 0 and MAX_N = {MAX_N} (2**32 - 1), got {value}")
    return value


def check_s(s: object) -> str:
    """Return `s` if it is a str, or raise the contract's TypeError."""
    if not isinstance(s, str):
        raise TypeError(f"s must be a str, not {type(s).__name__}")
    return s
