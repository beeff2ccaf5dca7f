"""Every output the book shows, made by running the real thing.

    python book/outputs.py write    # regenerate them all (./just refresh-outputs)
    python book/outputs.py check    # fail if a deterministic one is stale (./just test)

Outputs that depend on the machine's speed (the demo table, the benchmarks) are written but
not checked; `./just bench` and `./just bench-pypy` write the benchmark tables themselves.
Addresses, process ids and absolute paths are normalised so that reruns compare equal.
"""

import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "book" / "src" / "generated"
sys.path.insert(0, str(ROOT))


def run(*command, env=None, check=True):
    """Run a command from the repository root; return its stdout and stderr together."""
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def normalise(text):
    text = text.replace(str(ROOT) + "/", "").replace(str(ROOT), ".")
    text = re.sub(r"==\d+==", "==PID==", text)
    text = re.sub(r"0x[0-9a-f]{6,16}", "0x…", text)
    text = re.sub(r"/tmp/[\w./-]+", "/tmp/…", text)
    return text


def python_example(style):
    return lambda: run(sys.executable, f"examples/{style}_example.py")


def bad_inputs():
    """What each style raises for each bad input of the contract: a Markdown table."""
    from python_clients import STYLES  # noqa: PLC0415
    from tests.hostile import PRELUDE  # noqa: PLC0415
    from tests.isolated import call_in_child  # noqa: PLC0415

    calls = [
        ("count_primes", "-1"),
        ("count_primes", "2**32"),
        ("count_primes", "2**64 + 3"),
        ("count_primes", "1.5"),
        ("count_primes", "'10'"),
        ("count_primes", "None"),
        ("count_primes", "True"),
        ("count_doubles", "b'aa'"),
        ("count_doubles", "None"),
        ("count_doubles", "'\\ud800\\ud800'"),
        # Hostile but ordinary: the classes are those of tests/hostile.py.
        ("count_doubles", "numpy.str_('aaé')"),
        ("count_doubles", "Colour.ÉTÉ"),
        ("count_doubles", "LongLen('ééxé')"),
        ("count_doubles", "SaysAscii('ééxé')"),
        ("count_doubles", "ClaimsStr()"),
        ("count_primes", "numpy.uint64(2**64 - 1)"),
        ("count_primes", "UnprintableInt(2**70)"),
        ("count_primes", "IndexOverflows()"),
        ("count_primes", "10**5000"),
        ("count_primes", "m=1"),
        ("primes_array", "-1"),
        ("count_equal_neighbours", "'aab'"),
        ("count_equal_neighbours", "numpy.zeros(3)"),
        ("count_equal_neighbours", "numpy.zeros((2, 2), dtype='u1')"),
        ("count_equal_neighbours", "numpy.arange(4, dtype='u1')[::2]"),
    ]
    outcomes = {style: call_in_child(style, calls, prelude=PRELUDE) for style in STYLES}
    lines = ["| call | " + " | ".join(STYLES) + " |", "|---" * (len(STYLES) + 1) + "|"]
    for i, (function, argument) in enumerate(calls):
        cells = []
        for style in STYLES:
            outcome = outcomes[style][i]
            raised = outcome.get("raised")
            cells.append(f"`{raised}`" if raised else f"→ {outcome['returned']}")
        lines.append(f"| `{function}({argument})` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def pyo3_help():
    code = (
        "import pydoc, primes_pyo3; "
        "print(pydoc.render_doc(primes_pyo3.count_doubles, renderer=pydoc.plaintext))"
    )
    return run(sys.executable, "-c", code)


def troubleshooting():
    """The errors attendees meet most, produced for real."""
    empty = tempfile.mkdtemp()
    not_built = run(
        sys.executable, "-c", "from python_clients import load; load('ctypes')",
        env={"CARGO_TARGET_DIR": empty}, check=False,
    )  # fmt: skip
    wrong_suffix = run(
        sys.executable, "-c", "import ctypes; ctypes.CDLL('target/release/libvia_ctypes.dylib')",
        check=False,
    )  # fmt: skip
    no_linker = run(
        "cargo", "build", "--quiet", "--release", "-p", "via-ctypes", "--target-dir", empty,
        env={"RUSTFLAGS": "-C linker=no-such-cc"}, check=False,
    )  # fmt: skip
    tail = lambda text, lines: "\n".join(text.strip().splitlines()[-lines:])  # noqa: E731
    return (
        "$ ./just run-example ctypes        # before ./just build-ctypes\n"
        + tail(not_built, 1) + "\n\n"
        + "$ python -c \"ctypes.CDLL('target/release/libvia_ctypes.dylib')\"   # on Linux\n"
        + tail(wrong_suffix, 1) + "\n\n"
        + "$ cargo build -p via-ctypes        # with no C compiler/linker installed\n"
        + "\n".join(no_linker.strip().splitlines()[:2]) + "\n"
    )  # fmt: skip


# name: (how to make it, deterministic?)
OUTPUTS = {
    "c-dangling.txt": (lambda: run("bash", "c_comparison/demo.sh"), True),
    "rust-lifetime.txt": (lambda: run("bash", "examples/rust_lifetime_example.sh"), True),
    "bad-inputs.md": (bad_inputs, True),
    "pyo3-help.txt": (pyo3_help, True),
    "troubleshooting.txt": (troubleshooting, True),
    **{
        f"example-{style}.txt": (python_example(style.replace("-", "_")), True)
        for style in (
            "pure-python",
            "numpy",
            "ctypes",
            "cffi",
            "rust-cpython",
            "pyo3",
            "length-lie",
            "arrays",
        )
    },
    "demo.txt": (lambda: run(sys.executable, "-m", "python_clients.demo"), False),
}


README = ROOT / "README.md"
SAMPLE = re.compile(
    r"(<!-- demo-sample: start -->\n```text\n)(.*?)(```\n<!-- demo-sample: end -->)", re.S
)


def readme_sample(mode):
    """The README shows the demo's table as generated/demo.txt holds it: written by
    `write`, compared by `check` (the table itself depends on the machine's speed)."""
    demo = (GENERATED / "demo.txt").read_text()
    text = README.read_text()
    if mode == "write":
        README.write_text(SAMPLE.sub(lambda m: m.group(1) + demo + m.group(3), text))
        return []
    match = SAMPLE.search(text)
    if match is None or match.group(2) != demo:
        return ["README.md's demo sample is not generated/demo.txt: run ./just refresh-outputs"]
    return []


def main(mode):
    stale = []
    for name, (make, deterministic) in OUTPUTS.items():
        if mode == "check" and not deterministic:
            continue
        text = normalise(make())
        path = GENERATED / name
        if mode == "write":
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
        elif not path.exists() or path.read_text() != text:
            old = path.read_text().splitlines() if path.exists() else []
            diff = difflib.unified_diff(old, text.splitlines(), str(path), "now", lineterm="")
            stale.append("\n".join(list(diff)[:40]))
    stale += readme_sample(mode)
    if stale:
        print("\n\n".join(stale))
        print("\nThe book's outputs are stale: run ./just refresh-outputs and commit them.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "check"))
