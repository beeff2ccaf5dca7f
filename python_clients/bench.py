"""`./just bench`: every style, one process, candidates alternating, medians and spread.

Why not pyperf or pytest-benchmark: both time one candidate at a time (pyperf even in its
own worker processes), so anything that drifts during a run (clock boost, a neighbour's
load, thermal limits) lands on some candidates and not others. Here every round times each
candidate once, in a rotating order, and the report gives each candidate's median over
rounds with the spread between its quartiles. The harness has no other job; read it.

    python -m python_clients.bench        # full: writes book/src/generated/bench.{md,svg}
    python -m python_clients.bench quick  # small sizes, prints only
"""

import datetime
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import STYLES, StyleNotBuilt, StyleNotSupported, load
from .variants import load_cffi_api, load_variant

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "book" / "src" / "generated"


# ANCHOR: harness
def measure(candidates, rounds):
    """Time each candidate once per round, rotating the order; return seconds per call.

    `candidates` maps a label to a function of no arguments. Fast functions are called in
    batches long enough (about a millisecond) for the clock to resolve them.
    """
    batch = {label: calibrate(function) for label, function in candidates.items()}
    samples = {label: [] for label in candidates}
    labels = list(candidates)
    for round_ in range(rounds):
        shift = round_ % len(labels)
        for label in labels[shift:] + labels[:shift]:
            function, calls = candidates[label], batch[label]
            start = time.perf_counter_ns()
            for _ in range(calls):
                function()
            samples[label].append((time.perf_counter_ns() - start) / calls / 1e9)
    return {label: summary(times) for label, times in samples.items()}


def calibrate(function, target=1e-3):
    """How many calls make one sample last about `target` seconds (at least one)."""
    start = time.perf_counter()
    function()
    once = time.perf_counter() - start
    return max(1, min(100_000, int(target / max(once, 1e-9))))


def summary(times):
    """Median and the quartile spread as a fraction of the median."""
    quartiles = statistics.quantiles(times, n=4) if len(times) > 1 else [times[0]] * 3
    median = statistics.median(times)
    return {"median": median, "spread": (quartiles[2] - quartiles[0]) / median}


# ANCHOR_END: harness


def threads_speedup(function, argument):
    """Two calls on two threads against the same two calls in a row: ~2× when the GIL is
    released and two cores are free, ~1× when it is not."""

    def in_a_row():
        function(argument)
        function(argument)

    def on_two_threads():
        workers = [threading.Thread(target=function, args=(argument,)) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    times = measure({"in a row": in_a_row, "two threads": on_two_threads}, rounds=7)
    return times["in a row"]["median"] / times["two threads"]["median"]


def threads_row(label, module):
    """The threads table's row for one style: its two-thread speed-up on each kernel, on
    inputs big enough (about 10 ms a call, up to a cap) that starting a thread is noise."""
    n = sized(module.count_primes, lambda k: 10**k, range(4, 9))
    text = sized(module.count_doubles, lambda k: "ab" * 10**k, range(4, 8))
    return [
        label,
        f"{threads_speedup(module.count_primes, n):.2f}× (n = {n:.0e})",
        f"{threads_speedup(module.count_doubles, text):.2f}× ({len(text):.0e} chars)",
    ]


def sized(function, make, exponents, target=0.01):
    """The first input `make(k)` on which one call of `function` takes `target` seconds."""
    for k in exponents:
        argument = make(k)
        start = time.perf_counter()
        function(argument)
        if time.perf_counter() - start >= target:
            break
    return argument


def machine():
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True, check=False)
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "rustc": rustc.stdout.strip() or "unknown",
        "date": datetime.date.today().isoformat(),
    }


def sample_strings(length, seed=8):
    """The three inputs of count_doubles: the same on every run."""
    rng = random.Random(seed)
    alphabets = {
        "ab only": "ab",
        "printable ASCII": "".join(chr(c) for c in range(32, 127)),
        "non-ASCII": "абвгдеёжзий😀éè₂",
    }
    return {name: "".join(rng.choices(chars, k=length)) for name, chars in alphabets.items()}


def contenders():
    """Every style, then the PyO3 builds and primesieve where they exist, by label."""
    found = {}
    for name in STYLES:
        try:
            found[name] = load(name)
        except StyleNotSupported as refused:  # named in the output, not measured
            print(f"note: {refused}", file=sys.stderr)
    for variant in ("native", "debug"):
        try:
            found[f"pyo3 ({variant})"] = load_variant(variant)
        except StyleNotBuilt as missing:
            print(f"note: {missing}", file=sys.stderr)
    try:
        import primesieve  # noqa: PLC0415 - optional: the reference, when it is installed

        primesieve.set_num_threads(1)  # the others run on one thread too
        found["primesieve"] = primesieve
    except ImportError:
        pass
    return found


ARRAY = "primesieve (an array.array, not a list)"
AS_LIST = "primesieve, then .tolist()"


def raw_calls():
    """kernels_count_primes(0, &count) called straight, with no Python wrapper around it:
    through ctypes, and through cffi in its two modes (ABI: libffi, as maturin and milksnake
    ship it; API: compiled C). The style rows above include each wrapper's own Python code."""
    import ctypes  # noqa: PLC0415

    from . import ctypes_style  # noqa: PLC0415

    count = ctypes.c_size_t()
    pointer = ctypes.byref(count)
    calls = {"ctypes, the raw call": lambda: ctypes_style.lib.kernels_count_primes(0, pointer)}
    modes = {"ABI": lambda: __import__("primes_cffi"), "API": load_cffi_api}
    for mode, module in modes.items():
        try:
            found = module()
        except StyleNotBuilt as missing:
            print(f"note: {missing}", file=sys.stderr)
            continue
        out = found.ffi.new("size_t *")
        calls[f"cffi {mode} mode, the raw call"] = lambda lib=found.lib, out=out: (
            lib.kernels_count_primes(0, out)
        )
    return calls


def rust_alone():
    """kernels_primes(n) and its free, called straight through ctypes: the sieve and the
    allocation with no Python object made, what any binding's primes_array starts from."""
    import ctypes  # noqa: PLC0415

    from . import ctypes_style  # noqa: PLC0415

    def primes(n):
        buffer = ctypes_style.PrimeBuffer()
        ctypes_style.check(ctypes_style.lib.kernels_primes(n, ctypes.byref(buffer)))
        ctypes_style.lib.kernels_primes_free(ctypes.byref(buffer))

    return primes


def sample_arrays(length, seed=8):
    """count_equal_neighbours's inputs: values from a small range, so that about one pair in
    four is equal, as numpy arrays of two item sizes. The same on every run."""
    import numpy as np  # noqa: PLC0415

    values = np.random.default_rng(seed).integers(0, 4, size=length)
    return {f"uint8, {length:.0e}": values.astype(np.uint8),
            f"uint32, {length:.0e}": values.astype(np.uint32)}  # fmt: skip


def numpy_neighbours(a):
    """What a numpy user writes: compare the array with itself shifted by one."""
    import numpy as np  # noqa: PLC0415

    return int(np.count_nonzero(a[1:] == a[:-1]))


RUST_ALONE = "Rust alone: kernels_primes(n) + free, no Python objects"
NUMPY_EXPRESSION = "np.count_nonzero(a[1:] == a[:-1])"
RACE = (
    "pyo3, one thread",
    "primesieve, one thread",
    "pyo3, threads=0 (every core)",
    "primesieve, every core (its default)",
)


def fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def markdown(anchor, title, header, rows):
    """A Markdown table, between ANCHOR comments so a chapter can include it alone."""
    lines = [f"### {title}", f"<!-- ANCHOR: {anchor} -->", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines.append(f"<!-- ANCHOR_END: {anchor} -->")
    return "\n".join(lines)


def cell(result):
    return f"{fmt(result['median'])} ±{result['spread'] * 100:.0f}%" if result else "—"


def ratio(slow, fast):
    return f"{slow['median'] / fast['median']:.3g}×" if slow and fast else "—"


class Run:
    """One benchmark run: what it measured, and its tables in Markdown."""

    def __init__(self, quick):
        self.quick = quick
        self.rounds = 5 if quick else 15
        self.found = contenders()
        self.tables = []
        self.results = {}

    def sieve(self, function):
        sizes = [10**3, 10**4, 10**5] if self.quick else [10**3, 10**4, 10**5, 10**6, 10**7, 10**8]
        columns = {}
        for n in sizes:
            group = {
                label: (lambda m=module, n=n: getattr(m, function)(n))
                for label, module in self.found.items()
                if hasattr(module, function)
                and not (label == "pure-python" and n > 10**6)  # minutes, and gigabytes
                and not (label == "pyo3 (debug)" and n > 10**7)
            }
            if function == "primes" and "primesieve" in group:
                # primesieve.primes returns an array.array of machine integers, not a list:
                # its row says so, and a second row pays for the list, as every style does.
                group[ARRAY] = group.pop("primesieve")
                group[AS_LIST] = lambda n=n: self.found["primesieve"].primes(n).tolist()
            print(f"  {function}({n:.0e}) × {len(group)}", file=sys.stderr)
            columns[n] = measure(group, self.rounds)
        base, versus = min(sizes[-1], 10**6), sizes[-1]
        header = ["style"] + [f"n = {n:.0e}" for n in sizes]
        header += [f"vs pure Python, {base:.0e}", f"vs numpy, {versus:.0e}"]
        rows = [
            [label]
            + [cell(columns[n].get(label)) for n in sizes]
            + [
                ratio(columns[base].get("pure-python"), columns[base].get(label)),
                ratio(columns[versus].get("numpy"), columns[versus].get(label)),
            ]
            for label in [*self.found, ARRAY, AS_LIST]
            if any(label in columns[n] for n in sizes)
        ]
        self.results[function] = columns
        self.table(function, f"`{function}(n)`", header, rows)

    def doubles(self):
        texts = sample_strings(10**5 if self.quick else 10**6)
        reference = self.found["pure-python"]
        columns = {}
        for name, text in texts.items():
            group = {
                label: (lambda m=module, t=text: m.count_doubles(t))
                for label, module in self.found.items()
                if hasattr(module, "count_doubles")
            }
            group["pure-python (regex)"] = lambda t=text: reference.count_doubles_re(t)
            group["s.encode() (a copy, for scale)"] = lambda t=text: t.encode()
            print(f"  count_doubles({name}) × {len(group)}", file=sys.stderr)
            columns[name] = measure(group, self.rounds)
        labels = list(columns["ab only"])
        header = ["style", *texts, "vs pure Python, ASCII", "vs numpy, non-ASCII"]
        rows = [
            [label]
            + [cell(columns[name].get(label)) for name in texts]
            + [
                ratio(columns["printable ASCII"]["pure-python"], columns["printable ASCII"][label]),
                ratio(columns["non-ASCII"]["numpy"], columns["non-ASCII"][label]),
            ]
            for label in labels
        ]
        self.results["count_doubles"] = columns
        length = len(texts["ab only"])
        self.table("count_doubles", f"`count_doubles(s)`, s of {length:,} characters", header, rows)

    def arrays(self):
        """primes(n) as a list against primes_array(n), for every style that has both."""
        sizes = [10**5] if self.quick else [10**6, 10**8]
        alone = rust_alone()
        columns = {}
        for n in sizes:
            group = {}
            for label, module in self.found.items():
                if not hasattr(module, "primes_array") or (label == "pure-python" and n > 10**6):
                    continue
                group[f"{label}: list"] = lambda m=module, n=n: m.primes(n)
                group[f"{label}: array"] = lambda m=module, n=n: m.primes_array(n)
            if "primesieve" in self.found:
                group[ARRAY] = lambda n=n: self.found["primesieve"].primes(n)
            group[RUST_ALONE] = lambda n=n: alone(n)
            print(f"  primes vs primes_array({n:.0e}) × {len(group)}", file=sys.stderr)
            columns[n] = measure(group, self.rounds)
        labels = list(columns[sizes[0]])
        header = ["call"] + [f"n = {n:.0e}" for n in sizes] + [f"vs Rust alone, {sizes[-1]:.0e}"]
        rows = [
            [label]
            + [cell(columns[n].get(label)) for n in sizes]
            + [ratio(columns[sizes[-1]].get(label), columns[sizes[-1]][RUST_ALONE])]
            for label in labels
        ]
        self.results["arrays"] = columns
        self.table("arrays", "`primes(n)` as a list, and `primes_array(n)`", header, rows)

    def neighbours(self):
        """count_equal_neighbours on numpy arrays, against numpy's own expression."""
        arrays = sample_arrays(10**5 if self.quick else 10**7)
        arrays["3 bytes (one call's cost)"] = b"aab"
        columns = {}
        for name, data in arrays.items():
            group = {
                label: (lambda m=module, d=data: m.count_equal_neighbours(d))
                for label, module in self.found.items()
                if hasattr(module, "count_equal_neighbours")
                and not (label == "pure-python" and len(data) > 10**5)  # seconds a call
            }
            if not isinstance(data, bytes):
                group[NUMPY_EXPRESSION] = lambda d=data: numpy_neighbours(d)
            print(f"  count_equal_neighbours({name}) × {len(group)}", file=sys.stderr)
            columns[name] = measure(group, self.rounds)
        big = next(iter(arrays))
        labels = list(columns[big]) + [
            label for label in columns["3 bytes (one call's cost)"] if label not in columns[big]
        ]
        header = ["style", *arrays, f"vs {NUMPY_EXPRESSION}, {big}"]
        rows = [
            [label]
            + [cell(columns[name].get(label)) for name in arrays]
            + [ratio(columns[big][NUMPY_EXPRESSION], columns[big].get(label))]
            for label in labels
        ]
        self.results["neighbours"] = columns
        self.table("neighbours", "`count_equal_neighbours(buffer)` on numpy arrays", header, rows)

    def overhead(self):
        def python_function(x):
            return x

        group = {"a pure-Python function call, f(0)": lambda: python_function(0)}
        for label, module in self.found.items():
            if label in STYLES[1:] or label == "pyo3 (native)":
                group[f"{label}: count_primes(0)"] = lambda m=module: m.count_primes(0)
                group[f'{label}: count_doubles("aa")'] = lambda m=module: m.count_doubles("aa")
        group.update(raw_calls())
        print(f"  per-call overhead × {len(group)}", file=sys.stderr)
        times = measure(group, self.rounds)
        base = times["a pure-Python function call, f(0)"]
        rows = [[label, cell(result), ratio(result, base)] for label, result in times.items()]
        self.results["overhead"] = times
        self.table(
            "overhead", "One call, doing nothing", ["call", "time", "vs a Python call"], rows
        )

    def race(self):
        """count_primes against primesieve, the fastest sieve there is, on one thread each
        and then on all cores each, at the sizes chapter 10's targets name."""
        if "primesieve" not in self.found:
            print("note: primesieve is not installed (./just anchors): no race", file=sys.stderr)
            return
        sieve, pyo3 = self.found["primesieve"], self.found["pyo3"]
        cores = os.cpu_count() or 1

        def all_cores(n):
            sieve.set_num_threads(cores)  # its default; the other tables keep it at one
            try:
                return sieve.count_primes(n)
            finally:
                sieve.set_num_threads(1)

        sizes = [10**5, 10**6] if self.quick else [10**8, 10**9, pyo3.MAX_N]
        columns = {}
        for n in sizes:
            print(f"  the race at n = {n:.2e}", file=sys.stderr)
            group = {
                RACE[0]: lambda n=n: pyo3.count_primes(n),
                RACE[1]: lambda n=n: sieve.count_primes(n),
                RACE[2]: lambda n=n: pyo3.count_primes(n, threads=0),
                RACE[3]: lambda n=n: all_cores(n),
            }
            columns[n] = measure(group, self.rounds)
        header = ["count_primes(n)"] + [f"n = {n:.2e}" for n in sizes]
        rows = [[label] + [cell(columns[n][label]) for n in sizes] for label in RACE]
        for name, ours, theirs in (("one thread", *RACE[:2]), (f"{cores} threads", *RACE[2:])):
            times = [ratio(columns[n][ours], columns[n][theirs]) for n in sizes]
            rows.append([f"pyo3 ÷ primesieve, {name} each", *times])
        self.results["race"] = columns
        title = f"The race: `count_primes(n)` against primesieve ({cores} cores)"
        self.table("race", title, header, rows)

    def threads(self):
        rows = []
        for label in STYLES:
            print(f"  threads: {label}", file=sys.stderr)
            rows.append(threads_row(label, self.found[label]))
        header = ["style", "count_primes", "count_doubles"]
        title = "Two threads against one: speed-up of two calls on two threads"
        self.table("threads", title, header, rows)

    def table(self, anchor, title, header, rows):
        self.tables.append(markdown(anchor, title, header, rows))
        print("\n" + self.tables[-1] + "\n")

    def targets(self):
        """The goals of the "How fast can it go?" chapter, checked against this run."""
        sieve = self.results["count_primes"]
        top = max(sieve)
        doubles = self.results["count_doubles"]
        overhead = self.results["overhead"]
        python_call = overhead["a pure-Python function call, f(0)"]["median"]
        rows = []

        def check(goal, value, met):
            rows.append([goal, value, "met" if met else "**missed**"])

        for build in ("pyo3", "pyo3 (native)"):
            if build not in sieve[top]:
                continue
            ours = sieve[top][build]["median"]
            # The race with primesieve has its own rows (race_targets); without it, numpy.
            if "primesieve" not in sieve[top]:
                faster = sieve[top]["numpy"]["median"] / ours
                check(f"{build}: count_primes({top:.0e}) at least 50× faster than numpy",
                      f"{faster:.0f}× faster", faster >= 50)  # fmt: skip
            ascii_ = doubles["printable ASCII"]
            copy = ascii_[build]["median"] / ascii_["s.encode() (a copy, for scale)"]["median"]
            check(f"{build}: count_doubles on ASCII within 3× of s.encode()",
                  f"{copy:.2f}× s.encode()", copy <= 3)  # fmt: skip
            other = doubles["non-ASCII"]["numpy"]["median"] / doubles["non-ASCII"][build]["median"]
            check(f"{build}: count_doubles on non-ASCII at least 2× faster than numpy",
                  f"{other:.1f}× faster", other >= 2)  # fmt: skip
            call = overhead[f"{build}: count_primes(0)"]["median"] / python_call
            check(f"{build}: one call within 2× of a Python function call",
                  f"{call:.2f}× a Python call", call <= 2)  # fmt: skip
        self.race_targets(check)
        self.array_targets(check)
        title = "Targets of chapter 10, checked by this run"
        self.table("targets", title, ["goal", "measured", ""], rows)

    def race_targets(self, check):
        """The sieve level with primesieve: within 1.1× of it at 10**8 on one thread, 1.2×
        beyond, 1.1× on every core at 10**9; and primes(n) at the cost of the ints."""
        race = self.results.get("race", {})
        for n, pair, bound in ((10**8, 0, 1.1), (10**9, 0, 1.2), (max(race, default=0), 0, 1.2),
                               (10**9, 2, 1.1)):  # fmt: skip
            if n not in race:
                continue
            times = race[n][RACE[pair]]["median"] / race[n][RACE[pair + 1]]["median"]
            who = "one thread each" if pair == 0 else "every core each"
            check(f"pyo3: count_primes({n:.2e}) within {bound}× of primesieve, {who}",
                  f"{times:.2f}× primesieve's time", times <= bound)  # fmt: skip
        lists = self.results["primes"]
        top = max(lists)
        if AS_LIST in lists[top]:
            times = lists[top]["pyo3"]["median"] / lists[top][AS_LIST]["median"]
            check(f"pyo3: primes({top:.0e}) within 1.1× of primesieve.primes(n).tolist(), "
                  "the same list of ints", f"{times:.2f}× its time", times <= 1.1)  # fmt: skip

    def array_targets(self, check):
        """The goals of the arrays chapter."""
        arrays = self.results["arrays"]
        top = arrays[max(arrays)]
        if "pyo3: array" in top:
            ours = top["pyo3: array"]["median"]
            alone = ours / top[RUST_ALONE]["median"]
            check(f"pyo3: primes_array({max(arrays):.0e}) within 1.5× of Rust alone",
                  f"{alone:.2f}× Rust alone", alone <= 1.5)  # fmt: skip
            if ARRAY in top:
                faster = top[ARRAY]["median"] / ours
                check(f"pyo3: primes_array({max(arrays):.0e}) at least 2× faster than "
                      "primesieve.primes", f"{faster:.2f}× faster", faster >= 2)  # fmt: skip
        for name, results in self.results["neighbours"].items():
            if "pyo3" in results and NUMPY_EXPRESSION in results:
                times = results["pyo3"]["median"] / results[NUMPY_EXPRESSION]["median"]
                goal = f"pyo3: count_equal_neighbours on {name} within 2× of `{NUMPY_EXPRESSION}`"
                check(goal, f"{times:.2f}× numpy's time", times <= 2)


def chart(run):
    """A bar chart of the speed-up over pure Python, log scale, as self-contained SVG."""
    import math  # noqa: PLC0415

    n = max(n for n in run.results["count_primes"] if n <= 10**6)
    series = [
        (f"count_primes({n:.0e})", run.results["count_primes"][n]),
        ("count_doubles, printable ASCII", run.results["count_doubles"]["printable ASCII"]),
    ]
    labels = [label for label in run.found if label != "pure-python"]
    bar, gap, left, width = 14, 10, 170, 460
    top_speedup = 10 ** math.ceil(math.log10(max(
        s["pure-python"]["median"] / s[label]["median"]
        for _, s in series for label in labels if label in s
    )))  # fmt: skip
    height = 40 + len(labels) * (2 * bar + gap) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height}"'
        ' font-family="sans-serif" font-size="12">',
        f'<text x="{left}" y="16" font-weight="bold">Speed-up over pure Python (log scale)</text>',
    ]
    colours = ("#d9534f", "#337ab7")
    for i, (name, _) in enumerate(series):
        parts.append(
            f'<rect x="{left + 250 * i}" y="24" width="10" height="10" fill="{colours[i]}"/>'
        )
        parts.append(f'<text x="{left + 250 * i + 14}" y="33">{name}</text>')
    y = 44
    for label in labels:
        parts.append(f'<text x="{left - 6}" y="{y + bar + 4}" text-anchor="end">{label}</text>')
        for i, (_, results) in enumerate(series):
            if label in results:
                speedup = results["pure-python"]["median"] / results[label]["median"]
                w = max(1, width * math.log10(max(speedup, 1)) / math.log10(top_speedup))
                box = f'x="{left}" y="{y}" width="{w:.0f}" height="{bar - 2}"'
                parts.append(f'<rect {box} fill="{colours[i]}"/>')
                parts.append(
                    f'<text x="{left + w + 4:.0f}" y="{y + bar - 4}">{speedup:.3g}×</text>'
                )
            y += bar
        y += gap
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv):
    quick = argv[1:] == ["quick"]
    run = Run(quick)
    for step in (lambda: run.sieve("count_primes"), lambda: run.sieve("primes"), run.doubles,
                 run.arrays, run.neighbours, run.overhead, run.threads, run.race):  # fmt: skip
        step()
    if quick:
        return 0
    run.targets()
    about = "\n".join(f"- **{key}**: {value}" for key, value in machine().items())
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.md").write_text(
        "<!-- Written by `./just bench` (python_clients/bench.py); do not edit. -->\n\n"
        f"Measured on:\n\n{about}\n\nEach cell: the median over {run.rounds} rounds, "
        "± the spread between the quartiles.\n\n" + "\n\n".join(run.tables) + "\n"
    )
    (OUT / "bench.svg").write_text(chart(run))
    print(f"wrote {OUT / 'bench.md'} and bench.svg", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
