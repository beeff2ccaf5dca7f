"""`./just bench-pypy`: the sieve, count_doubles and one call, on CPython and on PyPy side by
side in one run, for every style that loads on each.

    python -m python_clients.bench_pypy CPYTHON PYPY        # writes generated/bench-pypy.md
    python -m python_clients.bench_pypy quick PYTHON PYTHON  # small sizes, prints only

This process times nothing itself. It starts one child per interpreter (this module, `child`)
and asks them in turn for one round of bench.measure at a time, the child that goes first
alternating, so that drift lands on both interpreters as the harness makes it land on every
candidate. A child warms each group of candidates with WARM_ROUNDS untimed rounds of the
same harness before its first timed one: on PyPy, that is when the JIT compiles the kernels'
loops and the timing loop. What a cold first call costs is measured apart, each in a fresh
process (`first`).

PyPy runs in the version matrix's environment (`./just test-pythons`) with SITE first on its
path: the PyO3 and cffi wheels that `./just bench-pypy` builds, in release, as CPython's are.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from . import STYLES, _c_abi, load
from .bench import OUT, cell, machine, markdown, measure, ratio, raw_calls, sample_strings
from .bench import summary as summarise

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "target" / "bench-pypy" / "site"
WARM_ROUNDS = 3
ROLES = ("CPython", "PyPy")  # the two interpreters, in the order they are given
PYTHON_CALL = "f(0), a pure-Python function"
SLICE = "s[1:] alone (for scale)"
ENCODE = "encode(s) alone (for scale)"
TEXTS = {"ASCII": "printable ASCII", "non-ASCII": "non-ASCII"}  # column: sample_strings' name

FULL = {"sizes": [10**4, 10**5, 10**6, 10**7], "pure_up_to": 10**6, "length": 10**6,
        "rounds": 21, "call_rounds": 51, "fresh_processes": 5}  # fmt: skip
QUICK = {"sizes": [10**3, 10**4], "pure_up_to": 10**4, "length": 10**4,
         "rounds": 3, "call_rounds": 3, "fresh_processes": 1}  # fmt: skip


# The child: one interpreter, answering the parent's requests.


def styles():
    """{style: module} for every style that loads here, and {style: why not} for the rest."""
    found, missing = {}, {}
    for style in STYLES:
        try:
            found[style] = load(style)
        except ImportError as error:
            missing[style] = f"{type(error).__name__}: {error}"
    return found, missing


def candidates(request, found):
    """The group of functions that one request times, by label."""
    task = request["task"]
    if task == "sieve":
        n = request["n"]
        return {
            style: (lambda m=module: m.count_primes(n))
            for style, module in found.items()
            if not (style == "pure-python" and n > request["pure_up_to"])
        }
    if task == "doubles":
        text = sample_strings(request["length"])[request["text"]]
        if not request["new"]:
            group = {style: (lambda m=m: m.count_doubles(text)) for style, m in found.items()}
            return {**group, ENCODE: kept(lambda: _c_abi.encode(text))}
        # A new str in every call, as a program that reads its text meets it: on PyPy, the
        # C-API styles then pay cpyext's conversion every time, not once per object.
        group = {style: (lambda m=m: m.count_doubles(text[1:])) for style, m in found.items()}
        return {**group, SLICE: kept(lambda: text[1:])}

    def python_function(x):
        return x

    group = {PYTHON_CALL: lambda: python_function(0)}
    for style, module in found.items():
        if style != "pure-python":
            group[f"{style}: count_primes(0)"] = lambda m=module: m.count_primes(0)
    return {**group, **raw_calls()}


def kept(make):
    """A function that calls `make` and keeps its result: PyPy's JIT leaves out the work
    of a call whose result nobody uses."""
    held = [None]

    def call():
        held[0] = make()

    return call


def about(missing):
    if sys.implementation.name == "pypy":
        pypy = ".".join(map(str, sys.pypy_version_info[:3]))
        name = f"PyPy {pypy} (Python {sys.version.split()[0]})"
    else:
        name = f"CPython {sys.version.split()[0]}"
    return {"implementation": sys.implementation.name, "name": name, "missing": missing}


def child():
    """Answer one JSON line per request on stdin: the interpreter, or one round of a group
    (its seconds per call, by label), warming the group first the first time it is asked."""
    found, missing = styles()
    groups = {}
    for line in sys.stdin:
        request = json.loads(line)
        if request["task"] == "about":
            print(json.dumps(about(missing)), flush=True)
            continue
        key = json.dumps({k: v for k, v in request.items() if k != "round"}, sort_keys=True)
        if key not in groups:
            groups[key] = candidates(request, found)
            measure(groups[key], WARM_ROUNDS)  # untimed: the JIT's warm-up, on PyPy
        group = groups[key]
        labels = list(group)
        shift = request["round"] % len(labels)
        rotated = {label: group[label] for label in labels[shift:] + labels[:shift]}
        times = measure(rotated, rounds=1)
        print(json.dumps({label: times[label]["median"] for label in labels}), flush=True)


def first_call(kernel, size):
    """The seconds of the first call of a pure-Python kernel in this (fresh) process: on
    PyPy, the JIT's tracing and compiling included."""
    pure = load("pure-python")
    argument = size if kernel == "count_primes" else sample_strings(size)[TEXTS["ASCII"]]
    start = time.perf_counter_ns()
    getattr(pure, kernel)(argument)
    return (time.perf_counter_ns() - start) / 1e9


# The parent: asks both children, makes the tables.


class Child:
    """One interpreter's child process, spoken to in JSON lines."""

    def __init__(self, python):
        self.python = python
        self.process = subprocess.Popen(
            [python, "-m", "python_clients.bench_pypy", "child"], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=child_environment(),
        )  # fmt: skip
        self.about = self.ask({"task": "about"})

    def ask(self, request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            sys.exit(f"the benchmark child on {self.python} stopped (its error is above)")
        return json.loads(answer)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def child_environment():
    # SITE comes first on PyPy only (its modules are PyPy's); the child checks that itself.
    return {**os.environ, "PYTHONPATH": str(ROOT)}


# ANCHOR: rounds
def rounds(children, request, count):
    """{role: {label: summary}}: `count` rounds of one group on each interpreter, the one that
    goes first alternating from round to round."""
    samples = {role: {} for role in children}
    for round_ in range(count):
        order = list(children) if round_ % 2 == 0 else list(children)[::-1]
        for role in order:
            for label, seconds in children[role].ask({**request, "round": round_}).items():
                samples[role].setdefault(label, []).append(seconds)
    return {role: {label: summarise(times) for label, times in found.items()}
            for role, found in samples.items()}  # fmt: skip


# ANCHOR_END: rounds


def timed(what, function):
    start = time.monotonic()
    print(f"  {what}", end="", file=sys.stderr, flush=True)
    result = function()
    print(f": {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)
    return result


def rows_by_style(labels, columns, make):
    """One row per label and interpreter that has a result in any column, a style's two
    interpreters next to each other: [f"{label} on {role}", *make(label, role)]."""
    return [
        [f"{label} on {role}", *make(label, role)]
        for label in labels
        for role in ROLES
        if any(label in column[role] for column in columns.values())
    ]


def speedup(column, label, role):
    """CPython's time ÷ PyPy's for one label, in the PyPy row only."""
    return ratio(column["CPython"].get(label), column["PyPy"].get(label)) if role == "PyPy" else "—"


def sieve_table(children, sizes):
    columns, count = {}, sizes["rounds"]
    for n in sizes["sizes"]:
        request = {"task": "sieve", "n": n, "pure_up_to": sizes["pure_up_to"]}
        columns[n] = timed(f"count_primes({n:.0e})", lambda r=request: rounds(children, r, count))
    base = sizes["pure_up_to"]
    header = ["style", *[f"n = {n:.0e}" for n in sizes["sizes"]]]
    header += [f"vs pure Python, {base:.0e}", f"PyPy speed-up, {base:.0e}"]

    def make(style, role):
        return [cell(columns[n][role].get(style)) for n in sizes["sizes"]] + [
            ratio(columns[base][role].get("pure-python"), columns[base][role].get(style)),
            speedup(columns[base], style, role),
        ]

    rows = rows_by_style(STYLES, columns, make)
    return columns, markdown("pypy-sieve", "`count_primes(n)`", header, rows)


def doubles_table(children, sizes):
    columns, count = {}, sizes["rounds"]
    for new in (False, True):
        for column, text in TEXTS.items():
            name = f"{column}, {'new' if new else 'same'} str"
            request = {"task": "doubles", "text": text, "length": sizes["length"], "new": new}
            columns[name] = timed(
                f"count_doubles, {name}", lambda r=request: rounds(children, r, count)
            )
    header = ["style", *columns, "vs pure Python, ASCII, new str",
              "vs pure Python, non-ASCII, new str", "PyPy speed-up, ASCII, new str"]  # fmt: skip

    def make(style, role):
        return [cell(column[role].get(style)) for column in columns.values()] + [
            ratio(columns[f"{c}, new str"][role].get("pure-python"),
                  columns[f"{c}, new str"][role].get(style)) if style in STYLES else "—"
            for c in TEXTS
        ] + [speedup(columns["ASCII, new str"], style, role)]  # fmt: skip

    rows = rows_by_style([*STYLES, ENCODE, SLICE], columns, make)
    title = f"`count_doubles(s)`, s of {sizes['length']:,} characters"
    return columns, markdown("pypy-doubles", title, header, rows)


def call_table(children, sizes):
    times = timed("one call", lambda: rounds(children, {"task": "call"}, sizes["call_rounds"]))
    labels = list(dict.fromkeys([*times["CPython"], *times["PyPy"]]))
    rows = [
        [label, *[cell(times[role].get(label)) for role in ROLES], speedup(times, label, "PyPy")]
        for label in labels
    ]
    header = ["call", "on CPython", "on PyPy", "PyPy speed-up"]
    return markdown("pypy-call", "One call, doing nothing", header, rows)


def first_table(pythons, sizes, warm):
    """The first call of each pure-Python kernel in fresh processes, against the warm median."""
    n, length = sizes["pure_up_to"], sizes["length"]
    kernels = {
        f"pure-python count_primes({n:.0e})": ("count_primes", n),
        f"pure-python count_doubles, ASCII, {length:.0e} chars": ("count_doubles", length),
    }
    header = ["call"] + [f"{when} on {role}" for role in ROLES for when in ("first call", "warm")]
    rows = []
    for (label, (kernel, size)), warm_times in zip(kernels.items(), warm, strict=True):
        samples = {role: [] for role in ROLES}
        for repeat in range(sizes["fresh_processes"]):
            for role, python in pythons if repeat % 2 == 0 else pythons[::-1]:
                command = [python, "-m", "python_clients.bench_pypy", "first", kernel, str(size)]
                out = subprocess.run(command, cwd=ROOT, env=child_environment(),
                                     capture_output=True, text=True, check=True)  # fmt: skip
                samples[role].append(float(out.stdout))
        row = [label]
        for role in ROLES:
            row += [cell(summarise(samples[role])), cell(warm_times[role].get("pure-python"))]
        rows.append(row)
    title = "The first call in a fresh process, against a warm one"
    return markdown("pypy-first", title, header, rows)


def main(argv):
    quick = argv[1:2] == ["quick"]
    pythons = argv[2:] if quick else argv[1:]
    if len(pythons) != 2:
        sys.exit(__doc__)
    sizes = QUICK if quick else FULL
    started = time.monotonic()
    children = {role: Child(python) for role, python in zip(ROLES, pythons, strict=True)}
    found = {role: child.about for role, child in children.items()}
    if not quick and [about["implementation"] for about in found.values()] != ["cpython", "pypy"]:
        sys.exit(f"bench-pypy measures a CPython and a PyPy, in that order; got {pythons}")
    print(f"measuring on {found['CPython']['name']} and {found['PyPy']['name']}", file=sys.stderr)
    sieve, sieve_md = sieve_table(children, sizes)
    doubles, doubles_md = doubles_table(children, sizes)
    call_md = call_table(children, sizes)
    for child in children.values():
        child.close()
    warm = [sieve[sizes["pure_up_to"]], doubles["ASCII, same str"]]
    first_md = timed("first calls, in fresh processes",
                     lambda: first_table(list(zip(ROLES, pythons)), sizes, warm))  # fmt: skip
    tables = [sieve_md, doubles_md, call_md, first_md]
    print("\n\n".join(tables))
    elapsed = time.monotonic() - started
    print(f"measured in {elapsed:.0f} s", file=sys.stderr)
    if quick:
        return 0
    write(found, sizes, tables, elapsed)
    return 0


def write(found, sizes, tables, elapsed):
    about = machine()
    del about["Python"]
    about = {**{role: found[role]["name"] for role in ROLES}, **about}
    missing = [f"{style} on {role} ({why})" for role in ROLES
               for style, why in found[role]["missing"].items()]  # fmt: skip
    text = (
        "<!-- Written by `./just bench-pypy` (python_clients/bench_pypy.py); do not edit. -->\n\n"
        "Measured on:\n\n" + "\n".join(f"- **{k}**: {v}" for k, v in about.items()) + "\n\n"
        f"Each cell: the median over {sizes['rounds']} rounds ({sizes['call_rounds']} for one "
        "call), ± the spread between the quartiles. A round times every candidate once on one "
        "interpreter, then on the other; which goes first alternates. Before its first timed "
        f"round, each group of candidates runs {WARM_ROUNDS} untimed rounds, in which PyPy's "
        "JIT compiles. *PyPy speed-up*: the time on CPython ÷ the time on PyPy, for the same "
        "style. *Same str*: one str object in every call; *new str*: `s[1:]` made in the "
        f"call, its own cost in the rows `{SLICE}`. `encode(s)`: the bytes that ctypes and "
        "cffi pass to Rust (python_clients/_c_abi.py: UTF-8 for ASCII, else UTF-32). The "
        f"whole run took {elapsed:.0f} s.\n\n"
        + "\n\n".join(tables)
        + "\n\nNot loaded: "
        + ("; ".join(missing) or "none")
        + ".\n"
    )
    (OUT / "bench-pypy.md").write_text(text)
    print(f"wrote {OUT / 'bench-pypy.md'}", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        if sys.implementation.name == "pypy" and SITE.is_dir():
            sys.path.insert(0, str(SITE))
        child()
    elif sys.argv[1:2] == ["first"]:
        print(first_call(sys.argv[2], int(sys.argv[3])))
    else:
        sys.exit(main(sys.argv))
