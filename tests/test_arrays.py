"""The array functions of the contract (CONTRACT.md, "Arrays"), in every style:
`primes_array(n)` hands memory over to numpy, `count_equal_neighbours(buffer)` borrows it.

Whatever could crash runs in a child process (tests/isolated.py, tests/array_probe.py).
Every check of memory and of borrowing also runs against the deliberately wrong
implementations of tests/wrong_arrays.py, and must catch each of them.
"""

import array  # noqa: F401 (the exporters below are evaluated here)
import ctypes
import functools
import itertools
import json
import mmap
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from python_clients import load
from tests.array_probe import resizable
from tests.conftest import NATIVE
from tests.gil_detector import ran_python_during
from tests.isolated import ROOT, outcomes_per_style
from tests.test_contract import N_NOT_INT, N_OUT_OF_RANGE, PROPERTY, gil_enabled, raised
from tests.wrong_arrays import CPYTHON_ONLY, WRONG

reference = load("pure-python")
# The native styles among those under test (FFI_STYLES): the version matrix runs one at a time.
LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and mallinfo2")

# -- primes_array --------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 3, 30, 10**6])
def test_primes_array_is_primes_as_uint32(kernels, n):
    result = kernels.primes_array(n)
    assert type(result) is np.ndarray
    assert (result.dtype, result.ndim) == (np.dtype(np.uint32), 1)
    assert result.flags.writeable and result.flags.c_contiguous and result.flags.aligned
    assert result.tolist() == reference.primes(n)


@settings(max_examples=100, **PROPERTY)
@given(n=st.integers(min_value=0, max_value=20_000))
def test_primes_array_matches_reference(style, n):
    assert load(style).primes_array(n).tolist() == reference.primes(n)


@pytest.fixture(scope="module")
def bad_n_outcomes():
    """Each style's answers to primes and primes_array with every bad n, from one child."""
    calls = [(f, a) for f in ("primes", "primes_array") for a in N_OUT_OF_RANGE + N_NOT_INT]
    return outcomes_per_style(calls)


@pytest.mark.parametrize("argument", N_OUT_OF_RANGE + N_NOT_INT)
def test_primes_array_refuses_what_primes_refuses(style, bad_n_outcomes, argument):
    outcomes = bad_n_outcomes(style)
    wanted = outcomes[("primes", argument)]
    got = outcomes[("primes_array", argument)]
    message = raised(got, wanted["raised"])
    if wanted["raised"] == "ValueError":
        assert message == wanted["message"]


# -- count_equal_neighbours: values ----------------------------------------------------------


def definition(items):
    return sum(a == b for a, b in itertools.pairwise(items))


# Every kind of exporter, item size and byte order; the expected count of each.
EXPORTERS = {
    "b''": 0,
    "b'a'": 0,
    "b'aab'": 1,
    "bytearray(b'aaa')": 2,
    "memoryview(b'xxyy')": 2,
    "memoryview(b'aaaa')[1:]": 2,
    "array.array('b', [-1, -1, 0])": 1,
    "array.array('H', [1, 1, 1])": 2,
    "array.array('q', [2**62, 2**62])": 1,
    "array.array('Q', [2**64 - 1] * 3)": 2,
    "np.array([1, 1, 2], dtype='>u4')": 1,
    "np.array([-1, -1], dtype='<i8')": 1,
    # Items that share their low or high byte are not equal: whole items are compared.
    "np.array([256, 0, 1, 257], dtype='u2')": 0,
    "np.array([2**32, 0, 2**32], dtype='u8')": 0,
    "np.frombuffer(b'\\0aabb', dtype='u1', offset=1)": 2,
    "np.frombuffer(bytes(9), dtype='u4', offset=1)": 1,  # at an odd address
    "np.arange(10, dtype='u1')[::2].copy()": 0,
    "np.zeros((1, 5), dtype='i2')[0]": 4,
    "np.zeros(0, dtype='u8')": 0,
    "mmap_of(b'zzz')": 2,
}


def mmap_of(data):
    block = mmap.mmap(-1, len(data))
    block.write(data)
    return block


@pytest.mark.parametrize("exporter", list(EXPORTERS))
def test_count_equal_neighbours_reads_every_exporter(kernels, exporter):
    assert kernels.count_equal_neighbours(eval(exporter)) == EXPORTERS[exporter]


INTEGER_TYPES = [f"{order}{kind}{size}" for order in "<>" for kind in "ui" for size in (1, 2, 4, 8)]


@settings(max_examples=200, **PROPERTY)
@given(
    dtype=st.sampled_from(INTEGER_TYPES),
    values=st.lists(st.integers(0, 3), max_size=300),
    offset=st.integers(0, 7),
)
def test_count_equal_neighbours_matches_the_definition(style, dtype, values, offset):
    """Any integer type, byte order, length and alignment; few values, so many equal pairs."""
    data = np.array(values, dtype=dtype).tobytes()
    items = np.frombuffer(bytes(offset) + data, dtype=dtype, offset=offset)
    assert load(style).count_equal_neighbours(items) == definition(values)


# -- count_equal_neighbours: bad buffers and hostile exporters, in a child -----------------

PRELUDE = """
    import array
    import sys
    import numpy as np

    class LongLen(bytearray):
        def __len__(self):
            return 10**9

    class ZeroLen(bytes):
        def __len__(self):
            return 0

    class Sub(np.ndarray):
        pass

    class Exporter:
        "Python-level buffer protocol (PEP 688, 3.12+): the buffer, not len(), is what counts."
        def __init__(self, data):
            self.data = data
        def __buffer__(self, flags):
            return memoryview(self.data)
        def __len__(self):
            return 10**9

    class Refuses:
        def __buffer__(self, flags):
            raise RuntimeError("no buffer today")

    def released():
        view = memoryview(b"aa")
        view.release()
        return view

    def lent(data, format_, itemsize, length):
        "What a buggy C extension could lend: a Py_buffer filled in by hand, any field a lie."
        import ctypes
        from python_clients._py_buffer import PyBuffer
        memory, format_ = ctypes.create_string_buffer(data), ctypes.create_string_buffer(format_)
        shape = (ctypes.c_ssize_t * 1)(max(length, 0) // max(itemsize, 1))
        view = PyBuffer(buf=ctypes.addressof(memory), len=length, itemsize=itemsize, readonly=1,
                        ndim=1, format=ctypes.cast(format_, ctypes.c_char_p),
                        shape=ctypes.cast(shape, ctypes.POINTER(ctypes.c_ssize_t)))
        from_buffer = ctypes.pythonapi.PyMemoryView_FromBuffer
        from_buffer.argtypes, from_buffer.restype = [ctypes.POINTER(PyBuffer)], ctypes.py_object
        LENT.append((memory, format_, shape))  # the memoryview points into them
        return from_buffer(ctypes.byref(view))

    LENT = []
"""

NOT_INTEGERS = "the buffer's items must be integers of 1, 2, 4 or 8 bytes, not format"
BAD_BUFFERS = {
    "5": ("TypeError", "a bytes-like object is required"),
    "'aab'": ("TypeError", "a bytes-like object is required"),
    "None": ("TypeError", "a bytes-like object is required"),
    "[1, 1]": ("TypeError", "a bytes-like object is required"),
    "np.zeros(3)": ("TypeError", f"{NOT_INTEGERS} 'd' of size 8"),
    "np.zeros(3, dtype=bool)": ("TypeError", f"{NOT_INTEGERS} '?' of size 1"),
    "np.array([None, None])": ("TypeError", f"{NOT_INTEGERS} 'O' of size 8"),
    "np.zeros(3, dtype='f2')": ("TypeError", f"{NOT_INTEGERS} 'e' of size 2"),
    "memoryview(b'aa').cast('c')": ("TypeError", f"{NOT_INTEGERS} 'c' of size 1"),
    "np.zeros(2, dtype='u1,u1')": ("TypeError", f"{NOT_INTEGERS} 'T{{B:f0:B:f1:}}' of size 2"),
    "np.zeros((2, 2), dtype='u1')": ("ValueError", "one-dimensional, not 2-dimensional"),
    "np.uint8(3)": ("ValueError", "one-dimensional, not 0-dimensional"),
    "np.zeros((2, 2), dtype='f8')": ("TypeError", f"{NOT_INTEGERS} 'd' of size 8"),
    "np.arange(10, dtype='u1')[::2]": ("ValueError", "numpy.ascontiguousarray(a) makes a"),
    "np.zeros((3, 3), dtype='u1')[:, 0]": ("ValueError", "must be contiguous"),
    # What an exporter raises passes through unchanged.
    "np.array(['2020-01-01'], dtype='M8[D]')": ("ValueError", "cannot include dtype 'M'"),
    "released()": ("ValueError", "released memoryview"),
    # Broken exporters: refused, never trusted.
    "lent(b'aaa', b'H', 2, 3)": ("ValueError", "3 bytes are not a whole number of 2-byte items"),
    "lent(b'a' * 16, b'Q', 8, -8)": ("BufferError", "the exporter lent a negative length"),
    "lent(b'a' * 16, b'B', -1, 16)": ("BufferError", "the exporter lent a negative item size"),
    "lent(b'a' * 16, b'\\xff', 1, 16)": ("TypeError", NOT_INTEGERS),
}
HOSTILE_BUFFERS = {
    "LongLen(b'aaa')": "2",
    "ZeroLen(b'aaa')": "2",
    "np.ones(4, dtype='u2').view(Sub)": "3",
    "array.array('i', [7] * 5)": "4",
}
if sys.version_info >= (3, 12):
    HOSTILE_BUFFERS |= {"Exporter(bytearray(b'xxx'))": "2", "Refuses()": "RuntimeError"}
CALLS = [("count_equal_neighbours", a) for a in [*BAD_BUFFERS, *HOSTILE_BUFFERS]]


@pytest.fixture(scope="module")
def buffer_outcomes():
    return outcomes_per_style(CALLS, prelude=PRELUDE)


@pytest.mark.parametrize("argument", list(BAD_BUFFERS))
def test_bad_buffers_get_the_same_exception_everywhere(style, buffer_outcomes, argument):
    if argument.startswith("lent(") and not hasattr(ctypes, "pythonapi"):
        pytest.skip("lent() needs ctypes.pythonapi.PyMemoryView_FromBuffer, CPython's C API")
    kind, words = BAD_BUFFERS[argument]
    message = raised(buffer_outcomes(style)[("count_equal_neighbours", argument)], kind)
    assert words in message, message


@pytest.mark.parametrize("argument", list(HOSTILE_BUFFERS))
def test_exporters_are_read_through_their_buffer_never_their_methods(
    style, buffer_outcomes, argument
):
    outcome = buffer_outcomes(style)[("count_equal_neighbours", argument)]
    assert outcome.get("returned", outcome.get("raised")) == HOSTILE_BUFFERS[argument], outcome


# -- threads -------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["uint8", "uint64"])
def big_array(request):
    """256 MiB of equal items: long enough a read for the GIL detector to see others run.
    Bytes and 8-byte items: a binding may release the GIL for one kind and not the other."""
    return np.full(2**28 // np.dtype(request.param).itemsize, 7, dtype=request.param)


@pytest.mark.parametrize("style", NATIVE)
def test_gil_is_released_while_an_array_is_read(style, big_array):
    """Five reads a call: one takes about 13 ms at the kernel's speed, barely 100 ticks, and
    a quiet 3.13t saw fewer. A read that holds the GIL lets 2 ticks through at most, 10 here."""
    kernels = load(style)
    reads = lambda: [kernels.count_equal_neighbours(big_array) for _ in range(5)]  # noqa: E731
    assert ran_python_during(reads, ticks=100)


def skip_if_not_here(wrong):
    """Skips, saying why, for a wrong version this interpreter cannot make."""
    if wrong not in WRONG:
        pytest.skip(f"{wrong} is made of CPython's C API through ctypes, which PyPy lacks")


# Without a GIL (free-threaded CPython) there is none to hold: the wrong versions that hold
# it hold nothing, and the tests that catch them have nothing to catch.
NEEDS_A_GIL = pytest.mark.skipif(not gil_enabled(), reason="this interpreter runs without a GIL")


@NEEDS_A_GIL
@pytest.mark.parametrize("wrong", ["gil_holding_count", "gil_holding_wide_count"])
def test_gil_detector_catches_a_read_that_holds_the_gil(wrong):
    skip_if_not_here(wrong)
    call = WRONG[wrong].count_equal_neighbours
    wide = np.full(2**25, 7, dtype=np.uint64)
    assert not ran_python_during(lambda: call(wide), attempts=3, ticks=100)


# -- memory: handed over, borrowed, freed once; each check against its wrong versions -------


def probe(subject, check):
    """Run tests/array_probe.py's `check` on `subject` in a fresh process."""
    child = subprocess.run(
        [sys.executable, ROOT / "tests/array_probe.py", subject, check],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if child.returncode != 0:
        return {"died": f"status {child.returncode}: {child.stderr[-2000:]}"}
    return json.loads(child.stdout.splitlines()[-1])


PRIMES_BYTES = 664579 * 4  # π(10**7) uint32s


def alive(problems):
    """A check of a probe's outcome, which first asks whether the probe's process lived."""

    @functools.wraps(problems)
    def check(outcome, *arguments):
        if "died" in outcome:
            return [f"the process died: {outcome['died']}"]
        return problems(outcome, *arguments)

    return check


@alive
def lifetime_problems(outcome):
    problems = []
    if outcome["with_view"] < PRIMES_BYTES:
        problems.append(f"freed while a view still used it: {outcome}")
    if outcome["after"] > PRIMES_BYTES // 2:
        problems.append(f"not freed once the last view was gone: {outcome}")
    if outcome["values"] != [9999971, 9999973, 9999991]:
        problems.append(f"the view read {outcome['values']}")
    return problems


@alive
def handover_problems(outcome):
    """Every native style hands Rust's memory over: the primes resident once at the peak,
    and none of their bytes from Python's allocator (a copy numpy makes would show there)."""
    problems = []
    resident = outcome["peak"] / outcome["nbytes"]
    if not 0.9 <= resident < 1.5:
        problems.append(f"peak memory was {resident:.2f}× the primes, not 1×: a copy")
    traced = outcome["traced"] / outcome["nbytes"]
    if not traced < 0.25:
        problems.append(f"Python's allocator saw {traced:.2f}× the primes, not 0×: a copy")
    return problems


@alive
def borrow_problems(outcome):
    problems = []
    for kind in ("numpy", "bytes"):
        seen = outcome[kind]
        if seen["peak"] > 16 * 2**20:
            problems.append(f"reading 256 MiB of {kind} added {seen['peak'] >> 20} MiB: a copy")
        if seen["traced"] > 2**20:
            problems.append(f"Python's allocator saw {seen['traced'] >> 10} KiB for {kind}")
        if seen["count"] != outcome["expected"]:
            problems.append(f"counted {seen['count']} in {kind}, not {outcome['expected']}")
    return problems


@alive
def resize_problems(outcome):
    problems = []
    for kind, seen in outcome.items():
        if seen["refused"] == 0:
            problems.append(f"no resize was refused while Rust read {kind}: export or GIL held")
        if seen["counts"] != [seen["expected"]]:
            problems.append(f"counted {seen['counts']} in {kind}, not {seen['expected']}")
    return problems


@alive
def release_problems(outcome):
    problems = []
    for length, seen in outcome.items():
        if not seen["resizable"]:
            problems.append(f"a bytearray of {length} stays locked: an export was kept")
        if seen["references"]:
            problems.append(f"{seen['references']} references to a bytearray of {length} kept")
    return problems


@alive
def interrupt_problems(outcome):
    if outcome["raised"] != "KeyboardInterrupt":
        return [f"Ctrl-C raised {outcome['raised']}, not KeyboardInterrupt"]
    if not outcome["resizable"]:
        return ["after Ctrl-C the bytearray stays locked while the exception lives"]
    return []


@LINUX
def test_primes_array_memory_lives_as_long_as_its_views_and_is_freed_once(style):
    assert lifetime_problems(probe(style, "lifetime")) == []


@LINUX
@pytest.mark.parametrize("style", NATIVE)
def test_primes_array_hands_rusts_memory_over(style):
    assert handover_problems(probe(style, "handover")) == []


@LINUX
@pytest.mark.parametrize("style", NATIVE)
def test_count_equal_neighbours_borrows_without_copying(style):
    assert borrow_problems(probe(style, "borrow")) == []


def exports_lock():
    """Whether a live export stops a bytearray from resizing, as CPython's do. PyPy tracks
    no exports: its bytearray and array.array resize under a memoryview, and a memoryview
    releases under an export of its own, so there is no lock for a check to see."""
    data = bytearray(b"a")
    with memoryview(data):
        return not resizable(data)


NO_EXPORT_LOCK = "PyPy tracks no buffer exports: a bytearray resizes while a memoryview lives"
NEEDS_EXPORT_LOCKS = pytest.mark.skipif(not exports_lock(), reason=NO_EXPORT_LOCK)


@LINUX
@NEEDS_EXPORT_LOCKS
@pytest.mark.parametrize("style", NATIVE)
def test_a_bytearray_cannot_be_resized_while_rust_reads_it(style):
    assert resize_problems(probe(style, "resize")) == []


@LINUX
def test_count_equal_neighbours_releases_the_buffer(style):
    assert release_problems(probe(style, "release")) == []


@LINUX
def test_ctrl_c_during_a_count_is_a_keyboard_interrupt_and_releases_the_buffer(style):
    assert interrupt_problems(probe(style, "interrupt")) == []


# ANCHOR: wrong_versions
# Each wrong implementation, and the checks that must catch it.
CAUGHT_BY = {
    "leaking_primes_array": [("lifetime", lifetime_problems)],
    "early_free_primes_array": [("lifetime", lifetime_problems)],
    "copying_primes_array": [("handover", handover_problems)],
    "numpy_empty_primes_array": [("handover", handover_problems)],
    "copying_count": [("borrow", borrow_problems), ("resize", resize_problems)],
    "gil_holding_count": [("resize", resize_problems)],
    "export_leaking_count": [("release", release_problems)],
    "readonly_copying_count": [("borrow", borrow_problems)],
    "chunk_copying_count": [("borrow", borrow_problems)],
    "gil_holding_wide_count": [("resize", resize_problems)],  # and the detector, above
    "empty_export_leaking_count": [("release", release_problems)],
    "interrupt_deaf_count": [("interrupt", interrupt_problems)],
}


@LINUX
@pytest.mark.parametrize(
    ("wrong", "check"),
    [(wrong, check) for wrong, checks in CAUGHT_BY.items() for check, _ in checks],
)
def test_each_check_catches_its_wrong_version(wrong, check):
    skip_if_not_here(wrong)
    if check == "resize" and not gil_enabled():
        pytest.skip("the resize probe tells Rust's read from Python's by the GIL: none here")
    if (check == "resize" or wrong in LOCKS_THE_EXPORT) and not exports_lock():
        pytest.skip(f"{NO_EXPORT_LOCK}: what {check} would see of wrong:{wrong} cannot happen")
    problems = dict(CAUGHT_BY[wrong])[check]
    outcome = probe(f"wrong:{wrong}", check)
    # Caught, not merely unable to start: a probe that raised (status 1) proves nothing; a
    # crash (a signal, as a use-after-free may cause) is a catch.
    assert not outcome.get("died", "").startswith("status 1:"), outcome["died"]
    assert problems(outcome), f"{check} passed wrong:{wrong}"


# Wrong only where an export locks its exporter: kept locked by a traceback.
LOCKS_THE_EXPORT = {"interrupt_deaf_count"}


# ANCHOR_END: wrong_versions


def test_every_wrong_version_is_checked():
    assert set(CAUGHT_BY) == set(WRONG) | (CPYTHON_ONLY - set(WRONG))


def test_contract_page_quotes_the_messages_the_suite_checks():
    page = (ROOT / "CONTRACT.md").read_text()
    for argument in ("np.zeros(3)", "np.zeros((2, 2), dtype='u1')"):
        assert BAD_BUFFERS[argument][1] in page, argument
    assert (
        "the buffer must be contiguous: numpy.ascontiguousarray(a) makes a contiguous copy" in page
    )
