"""The contract (CONTRACT.md), checked against every style in the registry."""

import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from python_clients import load
from python_clients._contract import MAX_N
from tests.gil_detector import ran_python_during
from tests.hostile import any_text
from tests.isolated import ROOT, call_in_child, outcomes_per_style

reference = load("pure-python")

# -- values ------------------------------------------------------------------------------

PI = {0: 0, 1: 0, 2: 1, 3: 2, 10: 4, 100: 25, 10**6: 78498}


@pytest.mark.parametrize("n", sorted(PI))
def test_count_primes_reference_values(kernels, n):
    assert kernels.count_primes(n) == PI[n]


def test_count_primes_ten_to_the_seven(kernels, style):
    if style == "pure-python":
        pytest.skip("the set-based sieve needs a minute and gigabytes at 10**7")
    assert kernels.count_primes(10**7) == 664579


# count_primes(n, threads=t): the same π(n) for every t, on as many threads as asked for.
THREAD_COUNTS = [0, 1, 2, 3, 1024]


def thread_value_problems(kernels, big=True):
    """What count_primes gets wrong on any of THREAD_COUNTS, at the reference values and at
    10**7 (unless `big` is False: the set-based sieve needs a minute there)."""
    problems = []
    for threads in THREAD_COUNTS:
        for n, count in ({**PI, 10**7: 664579} if big else PI).items():
            try:
                got = kernels.count_primes(n, threads=threads)
            except Exception as error:  # a problem to report, like a wrong count
                got = repr(error)
            if got != count:
                problems.append(f"count_primes({n}, threads={threads}) == {got}, not {count}")
    return problems


def test_count_primes_on_threads_gives_the_same_values(kernels, style):
    assert thread_value_problems(kernels, big=style != "pure-python") == []


def test_primes_is_a_list_of_int(kernels):
    result = kernels.primes(30)
    assert type(result) is list
    assert result == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert all(type(p) is int for p in result)


def test_primes_up_to_a_million(kernels):
    result = kernels.primes(10**6)
    assert len(result) == 78498
    assert result[-3:] == [999961, 999979, 999983]


# ANCHOR: unicode
DOUBLES = {
    "": 0,
    "a": 0,
    "aa": 1,
    "aaa": 2,
    "abba": 1,
    "éé": 1,  # c3 a9 c3 a9: no equal neighbouring bytes, one double
    "₂": 0,  # e2 82 82: equal neighbouring bytes, no double
    "a\0\0a": 1,
    "aa\0bb": 2,  # a C string would stop at the NUL and say 1
    "\n\n": 1,  # a regex without DOTALL says 0
    "😀😀😀": 2,
    "😀😁": 0,  # f0 9f 98 80 / f0 9f 98 81: UTF-16 shares a surrogate, code points do not
    "ab" * 1000: 0,
    "x" * 100_000: 99_999,
}
# ANCHOR_END: unicode


@pytest.mark.parametrize("s", list(DOUBLES), ids=[repr(s)[:20] for s in DOUBLES])
def test_count_doubles_reference_values(kernels, s):
    assert kernels.count_doubles(s) == DOUBLES[s]


def test_regex_variant_agrees():
    for s, expected in DOUBLES.items():
        assert reference.count_doubles_re(s) == expected, repr(s)


# `style` is a plain string parameter: sharing it between examples is harmless.
PROPERTY = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


@settings(max_examples=150, **PROPERTY)
@given(n=st.integers(min_value=0, max_value=20_000))
def test_sieve_matches_reference(style, n):
    kernels = load(style)
    expected = reference.primes(n)
    assert kernels.primes(n) == expected
    assert kernels.count_primes(n) == len(expected)


@settings(max_examples=300, **PROPERTY)
@given(s=st.text(alphabet=st.sampled_from("ab\0\n éè₂₃😀😁\ud800")) | any_text())
def test_count_doubles_matches_reference(style, s):
    assert load(style).count_doubles(s) == reference.count_doubles(s)


def test_bool_is_an_int(kernels):
    assert kernels.count_primes(True) == 0
    assert kernels.primes(False) == []


# -- bad input, in a child interpreter: a crash must fail one test, not the session --------

N_OUT_OF_RANGE = ["-1", "-(2**70)", "2**32", "2**32 + 3", "2**64 + 3", "2**200"]
N_NOT_INT = ["1.0", "10.5", "'10'", "None", "b'10'", "[10]"]
S_NOT_STR = ["b'aa'", "None", "11", "['a', 'a']", "bytearray(b'aa')"]

# Bad thread counts, and what the message must end with: the value, as n's are shown.
THREADS_OUT_OF_RANGE = {
    "-1": "got -1",
    "1025": "got 1025",
    "2**64 + 3": "got 18446744073709551619",  # ctypes would wrap it to 3
    "-(2**70)": "got -1180591620717411303424",
    "2**200": "got an int of 201 bits",
}
THREADS_MESSAGE = "threads must be between 0 and 1024 (0: one per core), "
# n is checked before threads: each of these is n's exception, whatever threads is.
N_BEFORE_THREADS = {"-1, threads=-1": "ValueError", "1.0, threads=-1": "TypeError",
                    "-1, threads=1.0": "ValueError", "None, threads=None": "TypeError"}  # fmt: skip
THREADS_CALLS = [
    ("count_primes", f"10, threads={a}") for a in [*THREADS_OUT_OF_RANGE, *N_NOT_INT]
] + [("count_primes", a) for a in N_BEFORE_THREADS]

BAD_CALLS = (
    [(f, a) for f in ("count_primes", "primes") for a in N_OUT_OF_RANGE + N_NOT_INT]
    + [("count_doubles", a) for a in S_NOT_STR]
    + [("count_doubles", "'\\ud800\\ud800'"), ("count_doubles", "'a\\udfffb'")]
    + THREADS_CALLS
)


@pytest.fixture(scope="module")
def bad_input_outcomes():
    """Each style's answers to every bad call, computed once per style in one child."""
    return outcomes_per_style(BAD_CALLS)


def raised(outcome, *allowed):
    assert "raised" in outcome, f"no exception: returned {outcome['returned']}"
    assert set(outcome["mro"]) & set(allowed), f"raised {outcome['raised']}, not one of {allowed}"
    return outcome["message"]


@pytest.mark.parametrize("argument", N_OUT_OF_RANGE)
@pytest.mark.parametrize("function", ["count_primes", "primes"])
def test_n_out_of_range(style, bad_input_outcomes, function, argument):
    outcome = bad_input_outcomes(style)[(function, argument)]
    message = raised(outcome, "ValueError")
    assert "n must be between 0 and" in message
    assert str(MAX_N) in message, f"the message does not name the limit: {message!r}"


@pytest.mark.parametrize("argument", N_NOT_INT)
@pytest.mark.parametrize("function", ["count_primes", "primes"])
def test_n_not_an_int(style, bad_input_outcomes, function, argument):
    raised(bad_input_outcomes(style)[(function, argument)], "TypeError")


@pytest.mark.parametrize("argument", S_NOT_STR)
def test_s_not_a_str(style, bad_input_outcomes, argument):
    raised(bad_input_outcomes(style)[("count_doubles", argument)], "TypeError")


@pytest.mark.parametrize(("argument", "count"), [("'\\ud800\\ud800'", 1), ("'a\\udfffb'", 0)])
def test_lone_surrogates_are_counted(style, bad_input_outcomes, argument, count):
    outcome = bad_input_outcomes(style)[("count_doubles", argument)]
    assert outcome.get("returned") == str(count), outcome


def bad_threads_problems(outcomes):
    """What a style does wrong with the bad thread counts of THREADS_CALLS, given its
    {call: outcome}: each out-of-range value a ValueError in the kernel's words, each
    non-index a TypeError, and n's exception whenever n is bad too."""
    problems = []
    for argument, shown in THREADS_OUT_OF_RANGE.items():
        outcome = outcomes[("count_primes", f"10, threads={argument}")]
        if outcome.get("message") != THREADS_MESSAGE + shown or outcome["raised"] != "ValueError":
            problems.append(f"threads={argument}: {outcome}")
    for argument in N_NOT_INT:
        outcome = outcomes[("count_primes", f"10, threads={argument}")]
        if outcome.get("raised") != "TypeError":
            problems.append(f"threads={argument}: {outcome}")
    for arguments, exception in N_BEFORE_THREADS.items():
        outcome = outcomes[("count_primes", arguments)]
        if outcome.get("raised") != exception or "threads" in outcome["message"]:
            problems.append(f"count_primes({arguments}): {outcome}")
    return problems


def test_bad_thread_counts_are_refused_after_n(style, bad_input_outcomes):
    assert bad_threads_problems(bad_input_outcomes(style)) == []


def test_too_large_for_memory_is_a_memory_error(style):
    """Under a 1 GiB address-space cap, primes(MAX_N) (200 million primes) cannot fit."""
    cap_memory = """
        import resource
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (mapped + 2**30, resource.RLIM_INFINITY))
    """
    if not sys.platform.startswith("linux"):
        pytest.skip("RLIMIT_AS and /proc are Linux-only")
    (outcome,) = call_in_child(style, [("primes", str(MAX_N))], prelude=cap_memory)
    raised(outcome, "MemoryError")


# -- threads ------------------------------------------------------------------------------


# Big enough that a kernel working without the GIL lets the main thread run about a hundred
# times in one call (tests/gil_detector.py).
FIFTY_MILLION_PAIRS = "ab" * 50_000_000


def gil_enabled():
    """False on a free-threaded CPython (3.13t and later) running without its GIL. Asked at
    the time: importing an extension that needs the GIL turns it back on."""
    return getattr(sys, "_is_gil_enabled", lambda: True)()


def test_detector_sees_a_held_gil():
    """The control: pure Python bytecode never gives the GIL up on its own here."""
    if not gil_enabled():
        pytest.skip("this interpreter runs without a GIL: there is none to hold")
    if sys.implementation.name == "pypy":  # seen once in a full run, never alone
        pytest.skip("PyPy's JIT-compiled loops may give the GIL up: the control is CPython's")
    assert not ran_python_during(lambda: reference.count_doubles("ab" * 100_000), attempts=3)


@pytest.mark.parametrize("kernel", ["count_primes", "count_doubles", "count_primes_threads"])
def test_gil_is_released_while_a_kernel_runs(kernels, style, kernel):
    if style in ("pure-python", "numpy"):
        pytest.skip(f"{style} runs Python bytecode and holds the GIL (the book's chapter 7)")
    call = {
        "count_primes": lambda: kernels.count_primes(3 * 10**8),
        # Ten calls: the fastest style reads the 100 MB in about 5 ms, about the 100 ticks'
        # worth, and a machine busy elsewhere let one call fail the count. A style holding
        # the GIL gives the main thread at most 2 ticks a call, 20 in all.
        "count_doubles": lambda: [kernels.count_doubles(FIFTY_MILLION_PAIRS) for _ in range(10)],
        "count_primes_threads": lambda: threaded_gil_problems(kernels),
    }[kernel]
    if kernel == "count_primes_threads":
        assert call() == []
        return
    assert ran_python_during(call, ticks=100)


def threaded_gil_problems(kernels, attempts=20):
    """Whether other Python threads run while count_primes works on two threads: a quarter
    of MAX_N, about a second of work for one core, long enough to be seen."""
    call = lambda: kernels.count_primes(MAX_N // 4, threads=2)  # noqa: E731
    if ran_python_during(call, attempts=attempts, ticks=100):
        return []
    return ["no other Python thread ran during count_primes(MAX_N // 4, threads=2)"]


def test_threads_get_correct_answers(kernels):
    results = {}

    def work(i):
        try:
            results[i] = (
                kernels.count_primes(10**5 + i),
                kernels.count_doubles("aab" * (1000 + i)),
            )
        except BaseException as error:  # a thread's exception would otherwise be lost
            results[i] = error

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(8)), "a thread never finished"
    for i, answer in results.items():
        assert not isinstance(answer, BaseException), f"thread {i} raised {answer!r}"
        count, doubles = answer
        assert count == reference.count_primes(10**5 + i)
        assert doubles == 1000 + i


def test_importing_a_style_leaves_a_free_threaded_python_without_its_gil(style):
    """On a free-threaded CPython, an extension that does not declare itself safe without
    the GIL turns the GIL back on for the whole process when it is imported. Every style
    that loads there must leave it off."""
    if gil_enabled():
        pytest.skip("this interpreter runs with a GIL")
    code = f"import sys; from python_clients import load; load({style!r}); "
    code += "print(sys._is_gil_enabled())"
    child = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert child.stdout.strip() == "False", child.stderr[-2000:]
