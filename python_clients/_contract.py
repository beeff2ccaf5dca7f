"""The checks of the contract (CONTRACT.md) that Python-side wrappers run before crossing
into native code. The Rust bindings (rust-cpython, PyO3) do the same checks in Rust, with the
same messages, taken from `kernels::Error`.

Both checks take the *value* from the object, never the object's word for it: a subclass of
int or str can override every method it has, and the base type's operations ignore them.
"""

import operator

MAX_N = 2**32 - 1
# The most threads count_primes accepts (kernels::MAX_THREADS); 0 asks for one per core.
MAX_THREADS = 1024

# An index this wide (in bits) or narrower is shown in a message digit by digit; a wider one
# by its sign and width (kernels::SHOWN_BITS): Python will not print an int of 4300+ digits.
SHOWN_BITS = 127


def shown(value: int) -> str:
    """An out-of-range int as a message shows it: its digits, or its sign and width."""
    bits = value.bit_length()
    if bits <= SHOWN_BITS:
        return str(value)
    return f"{'a negative' if value < 0 else 'an'} int of {bits} bits"


def out_of_range_message(value: int) -> str:
    """The contract's ValueError message for an n outside 0..=MAX_N."""
    return f"n must be between 0 and MAX_N = {MAX_N} (2**32 - 1), got {shown(value)}"


def threads_out_of_range_message(value: int) -> str:
    """The contract's ValueError message for threads outside 0..=MAX_THREADS: the words of
    kernels::Error::ThreadsOutOfRange."""
    return f"threads must be between 0 and {MAX_THREADS} (0: one per core), got {shown(value)}"


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


def check_threads(threads: object) -> int:
    """Return `threads` as a plain int in 0..=MAX_THREADS, by check_n's rules (an index,
    taken by `operator.index`), or raise the contract's TypeError or ValueError.

    Call it after check_n: the contract checks n first."""
    value = operator.index(threads)
    if not 0 <= value <= MAX_THREADS:
        raise ValueError(threads_out_of_range_message(value))
    return value


def check_s(s: object) -> str:
    """Return the text of `s` as an exact str, or raise the contract's TypeError.

    `type(s)` rather than `isinstance`, which an object can fool with a `__class__`
    property. The base type's full slice is an exact copy: a subclass's overrides of
    `__len__`, `encode`, `__iter__`, `__getitem__`… play no part in what is counted. Not
    `str.__str__`: PyPy's copies the text with the length the subclass's `__len__` claims,
    and the exact str it returns reads past its end (CONTRACT.md, "On PyPy"). An exact str
    is returned as it is.
    """
    if type(s) is str:
        return s
    if not issubclass(type(s), str):
        raise TypeError(f"s must be a str, not {type_name(s)}")
    return _FULL_SLICE(s, slice(None))


_FULL_SLICE = str.__getitem__  # the base type's own, whatever a subclass overrides


def type_name(obj: object) -> str:
    """The name of obj's type as CPython stores it: a metaclass may make `__name__` a
    property that raises, and the TypeError must still be the TypeError."""
    return _TYPE_NAME.__get__(type(obj))


_TYPE_NAME = type.__dict__["__name__"]


# ANCHOR: check_buffer
# The struct module's integer codes; the format may start with one byte-order mark.
INTEGER_CODES = frozenset("bBhHiIlLqQnN")
BYTE_ORDER_MARKS = frozenset("@=<>!")


def check_buffer(buffer: object) -> memoryview:
    """The buffer `buffer` exports, as a memoryview of a one-dimensional, contiguous array of
    integers of 1, 2, 4 or 8 bytes, or the contract's TypeError or ValueError, in the order
    and the words of kernels::check_items (crates/kernels/src/items.rs).

    `memoryview(buffer)` asks the object for its buffer the way the Rust bindings do
    (PyBUF_FULL_RO): format, item size, dimensions and strides all come from that one
    answer, never from the object's methods. The memoryview holds the export until it is
    released, so use it in a `with` block: while it lives, a bytearray refuses to resize.
    """
    view = memoryview(buffer)  # TypeError for an object that is not a buffer
    try:
        check_view(view)
    except BaseException:
        view.release()
        raise
    return view


def check_view(view):
    """check_buffer's rules, and what a broken exporter (a C extension's bug) could lend:
    a negative size, or bytes that end mid-item, refused as the Rust bindings refuse them."""
    size, ndim = view.itemsize, view.ndim
    for value, what in ((size, "item size"), (ndim, "number of dimensions")):
        if value < 0:
            raise BufferError(f"the exporter lent a negative {what}")
    try:
        format_ = view.format
    except UnicodeDecodeError:  # not text: certainly not an integer code
        format_ = "\ufffd"
    code = format_[1:] if format_[:1] and format_[0] in BYTE_ORDER_MARKS else format_
    if code not in INTEGER_CODES or size not in (1, 2, 4, 8):
        raise TypeError(
            "the buffer's items must be integers of 1, 2, 4 or 8 bytes, "
            f"not format '{format_}' of size {size}"
        )
    if ndim != 1:
        raise ValueError(f"the buffer must be one-dimensional, not {ndim}-dimensional")
    if not view.c_contiguous:
        raise ValueError(
            "the buffer must be contiguous: numpy.ascontiguousarray(a) makes a contiguous copy"
        )
    if view.nbytes < 0:
        raise BufferError("the exporter lent a negative length")
    if view.nbytes % size:
        raise ValueError(
            f"the buffer's {view.nbytes} bytes are not a whole number of {size}-byte items"
        )


# ANCHOR_END: check_buffer
