"""The checks of the contract (CONTRACT.md) that Python-side wrappers run before crossing
into native code. The Rust bindings (rust-cpython, PyO3) do the same checks in Rust, with the
same messages, taken from `kernels::Error`.

Both checks take the *value* from the object, never the object's word for it: a subclass of
int or str can override every method it has, and the base type's operations ignore them.
"""

import operator

MAX_N = 2**32 - 1

# An n this wide (in bits) or narrower is shown in a message digit by digit; a wider one by
# its sign and width (kernels::SHOWN_BITS): Python will not print an int of 4300+ digits.
SHOWN_BITS = 127


def out_of_range_message(value: int) -> str:
    """The contract's ValueError message for an int outside 0..=MAX_N."""
    bits = value.bit_length()
    shown = (
        value if bits <= SHOWN_BITS else f"{'a negative' if value < 0 else 'an'} int of {bits} bits"
    )
    return f"n must be between 0 and MAX_N = {MAX_N} (2**32 - 1), got {shown}"


def check_n(n: object) -> int:
    """Return `n` as a plain int, or raise the contract's TypeError or ValueError.

    `operator.index` accepts what Python itself accepts as an index (int, bool, numpy
    integers, any object with `__index__`) and returns an exact int, whatever an int
    subclass claims; float, str and None raise TypeError, as in the native styles. An
    exception raised by `__index__` itself passes through unchanged.
    """
    value = operator.index(n)
    if not 0 <= value <= MAX_N:
        raise ValueError(out_of_range_message(value))
    return value


def check_s(s: object) -> str:
    """Return the text of `s` as an exact str, or raise the contract's TypeError.

    `type(s)` rather than `isinstance`, which an object can fool with a `__class__`
    property. `str.__str__` is the base type's own copy: a subclass's overrides of `__len__`,
    `encode`, `__iter__`… play no part in what is counted. An exact str is returned as it is.
    """
    if not issubclass(type(s), str):
        raise TypeError(f"s must be a str, not {type_name(s)}")
    return str.__str__(s)


def type_name(obj: object) -> str:
    """The name of obj's type as CPython stores it: a metaclass may make `__name__` a
    property that raises, and the TypeError must still be the TypeError."""
    return _TYPE_NAME.__get__(type(obj))


_TYPE_NAME = type.__dict__["__name__"]
