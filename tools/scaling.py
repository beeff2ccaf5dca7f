"""`./just bench-free-threaded`: the threads table, measured on a CPython with a GIL and on a
free-threaded one, side by side, with the single-thread cost of pure Python on each.

    python tools/scaling.py write PYTHON...  # each in its matrix environment; writes the table
    python tools/scaling.py rows             # this interpreter's rows, as JSON (used by write)

Each interpreter runs in the environment the version matrix made for it (tools/matrix.py),
so run `./just test-pythons` first. A style that does not load on an interpreter is left out
of its column, with the reason the matrix table gives.
"""

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "book" / "src" / "generated" / "free-threaded.md"
sys.path.insert(0, str(ROOT))


def rows():
    """{style: [count_primes cell, count_doubles cell]}, and pure Python's one-call times."""
    from python_clients import STYLES, load  # noqa: PLC0415
    from python_clients.bench import fmt, measure, threads_row  # noqa: PLC0415

    found = {}
    for style in STYLES:
        try:
            found[style] = threads_row(style, load(style))[1:]
        except ImportError:
            continue
    pure = load("pure-python")
    single = measure({"count_primes(10**5)": lambda: pure.count_primes(10**5),
                      "count_doubles, 10**6 chars": lambda: pure.count_doubles("ab" * 500_000)},
                     rounds=7)  # fmt: skip
    return {"styles": found, "pure": {k: fmt(v["median"]) for k, v in single.items()}}


def label(python):
    code = ("import sys, sysconfig; print(sys.version.split()[0] + "
            "('t' if sysconfig.get_config_var('Py_GIL_DISABLED') else ''))")  # fmt: skip
    return subprocess.run(
        [python, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def write(pythons):
    from python_clients import STYLES  # noqa: PLC0415

    measured = {}
    for python in pythons:
        name = label(python)
        print(f"measuring on Python {name} ({python})", file=sys.stderr, flush=True)
        out = subprocess.run([python, __file__, "rows"], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout  # fmt: skip
        measured[name] = json.loads(out.splitlines()[-1])
    names = list(measured)
    lines = [
        "<!-- Written by `./just bench-free-threaded` (tools/scaling.py); do not edit. -->",
        "",
        f"Measured on {sysconfig.get_platform()}, 2 threads against 1, as in the benchmarks.",
        "",
        "<!-- ANCHOR: scaling -->",
        "| style | " + " | ".join(f"count_primes, {n} | count_doubles, {n}" for n in names) + " |",
        "|---" * (1 + 2 * len(names)) + "|",
    ]
    for style in STYLES:
        cells = []
        for n in names:
            cells += measured[n]["styles"].get(style, ["does not load", "does not load"])
        lines.append(f"| {style} | " + " | ".join(cells) + " |")
    lines += ["<!-- ANCHOR_END: scaling -->", "", "<!-- ANCHOR: single -->",
              "| pure Python, one call | " + " | ".join(names) + " |",
              "|---" * (1 + len(names)) + "|"]  # fmt: skip
    for call in measured[names[0]]["pure"]:
        lines.append(f"| {call} | " + " | ".join(measured[n]["pure"][call] for n in names) + " |")
    lines.append("<!-- ANCHOR_END: single -->")
    TABLE.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1] == "rows":
        print(json.dumps(rows()))
    else:
        write(sys.argv[2:])
