"""Hostile but ordinary inputs: what real programs pass, and what a careless binding trusts.

Every class here is defined in PRELUDE, source code that runs in a child interpreter
before the calls (tests/isolated.py), so that a crash fails one test instead of pytest.
Each call is `(function, arguments)`, evaluated there as `function(arguments)`.
"""

import itertools
import textwrap

PRELUDE = textwrap.dedent(
    """
    import enum
    import numpy

    class Plain(str):
        "A str subclass that overrides nothing: CPython still stores it apart."

    class LongLen(str):
        def __len__(self):
            return 10**7

    class ZeroLen(str):
        def __len__(self):
            return 0

    class SaysAscii(str):
        def isascii(self):
            return True

    class SaysNotAscii(str):
        def isascii(self):
            return False

    class FakeEncode(str):
        def encode(self, *args, **kwargs):
            return b"zzzzzzzz"

    class FakeIter(str):
        def __iter__(self):
            return iter("zzzz")

        def __getitem__(self, index):
            return "zzzz"

    class AllEqual(str):
        def __eq__(self, other):
            return True

        __hash__ = str.__hash__

    class FakeStr(str):
        def __str__(self):
            return "zzzz"

    class NamelessMeta(type):
        @property
        def __name__(cls):
            raise RuntimeError("a metaclass whose __name__ raises")

    class Nameless(metaclass=NamelessMeta):
        "Not a str, and its type will not say its name."

    class ClaimsStr:
        "Not a str, but isinstance(x, str) says it is."

        @property
        def __class__(self):
            return str

    Colour = enum.StrEnum("Colour", {"GREEN": "green", "ÉTÉ": "ééé"}) if hasattr(
        enum, "StrEnum"
    ) else enum.Enum("Colour", {"GREEN": "green", "ÉTÉ": "ééé"}, type=str)

    class HugeIndex:
        def __index__(self):
            return 10**40

    class IndexOverflows:
        def __index__(self):
            raise OverflowError("raised by __index__ itself")

    class IndexFails:
        def __index__(self):
            raise RuntimeError("raised by __index__ itself")

    class IndexNotInt:
        def __index__(self):
            return 1.5

    class UnprintableInt(int):
        def __str__(self):
            raise RuntimeError("__str__ must not be needed")

        __repr__ = __str__

    class LyingIndexInt(int):
        "An int subclass: its value is its own, whatever __index__ says."

        def __index__(self):
            return 10**9
    """
)

# Text in every storage kind CPython has (PEP 393: ASCII, Latin-1, UCS-2, UCS-4), with
# surrogates, in the subclasses above.
TEXTS = ["'aabb'", "'ééxé'", "'ĀĀaa'", "'😀😀😁'", "''", "'\\ud800\\ud800'"]
LIARS = ["Plain", "LongLen", "ZeroLen", "SaysAscii", "SaysNotAscii", "FakeEncode", "FakeIter",
         "AllEqual", "FakeStr"]  # fmt: skip

STR_CALLS = (
    [("count_doubles", f"{liar}({text})") for liar in LIARS for text in TEXTS]
    + [("count_doubles", "LongLen('ab' * 1000)")]
    + [("count_doubles", a) for a in ("numpy.str_('aaé')", "numpy.str_('')", "Colour.GREEN",
                                      "Colour.ÉTÉ", "ClaimsStr()", "Nameless()")]
)  # fmt: skip

INT_ARGUMENTS = [
    "HugeIndex()", "IndexOverflows()", "IndexFails()", "IndexNotInt()",
    "UnprintableInt(10)", "UnprintableInt(2**70)", "UnprintableInt(-1)", "LyingIndexInt(10)",
    "numpy.int64(100)", "numpy.uint8(10)", "numpy.int8(-1)", "numpy.uint64(2**64 - 1)",
    "numpy.float64(10)", "numpy.bool_(True)", "10**5000", "-(10**5000)", "2**127 - 1", "2**127",
]  # fmt: skip
INT_CALLS = [(f, a) for f in ("count_primes", "primes", "primes_array") for a in INT_ARGUMENTS]
# The same odd integers as count_primes's threads: the same rules as n.
THREADS_CALLS = [("count_primes", f"10, threads={a}") for a in INT_ARGUMENTS]

# Every wrong way to pass the one argument, and right ones by keyword: plain, and with a
# str subclass as the keyword's name (which crashed rust-cpython's argument parser).
ARGUMENT_CALLS = [
    (function, arguments)
    for function, name, value in (("count_primes", "n", "10"), ("primes", "n", "10"),
                                  ("count_doubles", "s", "'aa'"), ("primes_array", "n", "10"),
                                  ("count_equal_neighbours", "buffer", "b'aa'"))
    for arguments in ("", f"{name}={value}", f"**{{Plain('{name}'): {value}}}", "m=1",
                      "**{Plain('m'): 1}", f"{value}, {value}", f"{value}, {name}={value}")
]  # fmt: skip
# count_primes's keyword-only threads: each way to pass it, and what every style does.
THREADS_ARGUMENTS = {
    "10, threads=2": "4",
    "10, **{Plain('threads'): 2}": "4",
    "n=10, threads=0": "4",
    "10, threads=True": "4",  # a bool is an index: one thread
    "10, 2": "TypeError",  # by position
    "10, 2, threads=2": "TypeError",
    "threads=2": "TypeError",  # no n
    "10, thread=2": "TypeError",
    "10, threads=2, **{'threads': 3}": "TypeError",  # refused by Python before the call
}
ARGUMENT_CALLS += [("count_primes", arguments) for arguments in THREADS_ARGUMENTS]
# What the right calls return, in every style.
RIGHT_CALLS = {
    "count_primes": "4",
    "primes": "[2, 3, 5, 7]",
    "count_doubles": "1",
    "primes_array": "array([2, 3, 5, 7], dtype=uint32)",
    "count_equal_neighbours": "1",
}

CALLS = STR_CALLS + INT_CALLS + THREADS_CALLS + ARGUMENT_CALLS


def any_text():
    """A hypothesis strategy: text of any code points, often with lone surrogates (which
    st.text() leaves out by default, and st.characters() draws only rarely)."""
    from hypothesis import strategies as st  # noqa: PLC0415 (only the tests need it)

    surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
    return st.text(st.characters(exclude_categories=()) | surrogates)


# ANCHOR: liars
def liar_classes():
    """A hypothesis strategy: str subclasses that override any of the methods a binding
    might ask instead of reading the text, each returning a random lie."""
    from hypothesis import strategies as st  # noqa: PLC0415 (only the children need it)

    def constant(values):
        return values.map(lambda value: lambda *args, **kwargs: value)

    overrides = {
        "__len__": constant(st.integers(0, 10**7)),
        "isascii": constant(st.booleans()),
        "encode": constant(st.binary(max_size=16)),
        "__iter__": st.text(max_size=8).map(lambda text: lambda self: iter(text)),
        "__getitem__": constant(st.text(max_size=8)),
        "__eq__": constant(st.booleans()),
        "__str__": constant(st.text(max_size=8)),
    }
    return st.fixed_dictionaries({}, optional=overrides).map(
        lambda methods: type("Liar", (str,), {**methods, "__hash__": str.__hash__})
    )


def check_liars(style, examples=300):
    """Compare `style` with the true count over random text in random lying subclasses.
    Run in a child interpreter (test_hostile.py): a crash fails one test, not pytest."""
    from hypothesis import given, settings  # noqa: PLC0415

    from python_clients import load  # noqa: PLC0415

    kernels = load(style)

    @settings(max_examples=examples, deadline=None)
    @given(liar=liar_classes(), text=any_text())
    def agrees(liar, text):
        truth = sum(1 for a, b in itertools.pairwise(text) if a == b)
        assert kernels.count_doubles(liar(text)) == truth

    agrees()


# ANCHOR_END: liars
