"""`./just test-pythons`: the contract suite on every Python the README claims, for every
style that builds and loads there.

    python tools/matrix.py            # run, print the table, write book/src/generated/pythons.md

The interpreters: CPython 3.11 to 3.15 and PyPy 3.11, each from pyenv or PATH, else, for
3.14, 3.15 and PyPy, fetched once from Debian's archive into the cache (tools/fetch-python.sh);
and a free-threaded CPython from tools/free-threaded.sh (`PYTHON_FT`, else one built once
into the cache), unless `MATRIX_FREE_THREADED=0`. `PYTHONS` (paths, separated by spaces)
replaces the list of CPythons and PyPy.

Each gets a virtual environment of its own in the cache (`~/.cache/ffi-four-ways`, or
`$XDG_CACHE_HOME`), outside the repository and so outside its import path, with the pinned
test tools of tools/matrix-requirements*.txt and the styles installed as a user would: the
abi3 PyO3 wheel and the cffi wheel as `./just build` made them, PyO3 built for exactly that
interpreter where its abi3 wheel does not install (PyPy, a free-threaded build), and
rust-cpython built for that version. A style that does not build or load is reported with
the reason its tool gave (or python_clients/support.py's, where building would make a broken
module rather than an error), never silently passed; an interpreter the machine cannot have
is reported as skipped. Exits 1 if any loaded style fails.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ffi-four-ways"
REQUIREMENTS = ROOT / "tools" / "matrix-requirements.txt"
REQUIREMENTS_FT = ROOT / "tools" / "matrix-requirements-ft.txt"
TABLE = ROOT / "book" / "src" / "generated" / "pythons.md"
sys.path.insert(0, str(ROOT))

from python_clients import STYLES  # noqa: E402
from python_clients.support import Interpreter, why_not  # noqa: E402

# (name on PATH, how tools/fetch-python.sh names it when the machine has none, or None).
CLAIMED = [
    ("python3.11", None),
    ("python3.12", None),
    ("python3.13", None),
    ("python3.14", "3.14"),
    ("python3.15", "3.15"),
    ("pypy3.11", "pypy3.11"),
]
SUITES = ["tests/test_contract.py", "tests/test_hostile.py", "tests/test_arrays.py"]
# Correctness, not speed, is tested here: quicker release builds.
QUICK_RELEASE = {"CARGO_PROFILE_RELEASE_LTO": "false", "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "16"}


def say(message):
    print(message, flush=True)


def interpreters():
    """[(what was asked for, the interpreter's path or None, why there is none)]."""
    if os.environ.get("PYTHONS"):
        found = [(path, path, None) for path in os.environ["PYTHONS"].split()]
    else:
        found = [(name, *find(name, fetch_name)) for name, fetch_name in CLAIMED]
    if os.environ.get("MATRIX_FREE_THREADED", "1") != "0":
        path, why = from_script(["bash", ROOT / "tools" / "free-threaded.sh"])
        if path is None and os.environ.get("CI"):  # CI must test it; elsewhere: skipped
            sys.exit(f"no free-threaded CPython ({why}), and CI needs one")
        found.append(("free-threaded", path, why))
    return found


def find(name, fetch_name):
    """(path, None) for pyenv's newest `name`, else PATH's, else the fetched one; (None, why)
    when none can be had."""
    pyenv = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False)
    root = pyenv.stdout.strip() if pyenv.returncode == 0 else str(Path.home() / ".pyenv")
    version = name.removeprefix("python").removeprefix("pypy")
    prefix = "pypy" if name.startswith("pypy") else ""
    candidates = sorted(glob.glob(f"{root}/versions/{prefix}{version}.*/bin/{name}"))
    if candidates or shutil.which(name):
        return (candidates[-1] if candidates else shutil.which(name)), None
    if fetch_name is None:
        return None, "not on this machine (pyenv, PATH), and no build of it to fetch"
    return from_script(["bash", ROOT / "tools" / "fetch-python.sh", fetch_name])


def from_script(command):
    """A script that prints an interpreter's path: (path, None), or (None, its last words).
    Its progress (a first fetch or build takes a while) goes straight to the terminal."""
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode == 0:
        return result.stdout.strip(), None
    return None, f"{Path(command[1]).name} failed (exit {result.returncode})"


def describe(python):
    """The Interpreter (implementation, version, GIL) and its full version as text."""
    code = (
        "import sys, sysconfig; print(sys.implementation.name, sys.version_info[0], "
        "sys.version_info[1], sys.version.split()[0], "
        "bool(sysconfig.get_config_var('Py_GIL_DISABLED')))"
    )
    implementation, major, minor, text, free = run([python, "-c", code]).split()
    interpreter = Interpreter(implementation, (int(major), int(minor)), free == "True")
    if implementation == "pypy":
        pypy = run([python, "-c", "import sys; print('%d.%d.%d' % sys.pypy_version_info[:3])"])
        text = f"PyPy {pypy.strip()} (Python {text})"
    return interpreter, text + ("t" if interpreter.free_threaded else "")


def label_of(interpreter):
    """The environment's folder name: 3.14, 3.13t, pypy3.11."""
    prefix = "pypy" if interpreter.implementation == "pypy" else ""
    version = f"{interpreter.version[0]}.{interpreter.version[1]}"
    return f"{prefix}{version}{'t' if interpreter.free_threaded else ''}"


def run(command, **options):
    """Run a command; return its stdout, or exit with its output if it fails."""
    result = subprocess.run(command, capture_output=True, text=True, check=False, **options)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def environment(python, label, free):
    """A virtual environment in the cache for this interpreter, with the pinned test tools."""
    requirements = REQUIREMENTS_FT if free else REQUIREMENTS
    venv = CACHE / "venvs" / label
    bin_python = venv / "bin" / "python"
    stamp = venv / ".requirements"
    wanted = f"{python}\n{requirements.read_text()}"
    if not stamp.exists() or stamp.read_text() != wanted:
        say(f"  creating {venv} and installing {requirements.name} into it (once)")
        run([python, "-m", "venv", "--clear", venv])
        run([bin_python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--only-binary", ":all:", "-r", requirements])  # fmt: skip
        stamp.write_text(wanted)
    return bin_python


def pip_install(bin_python, *what):
    """pip's own last error line, or None when it installed."""
    result = subprocess.run(
        [bin_python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--only-binary", ":all:", "--force-reinstall", "--no-deps", *what],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    return (errors or result.stderr.strip().splitlines() or ["?"])[0] if result.returncode else None


def cffi_refusal(bin_python):
    """None once cffi is installed; else the reason cffi's own build gives."""
    result = subprocess.run(
        [bin_python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "cffi==2.1.1"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode == 0:
        return None
    said = [line.strip() for line in result.stderr.splitlines() if "Error:" in line]
    return said[0] if said else "cffi did not install"


def install_wheels(bin_python):
    """The wheels `./just build` left in target/wheels/ that are not tied to one Python version, one
    at a time: {style: pip's error} for those that would not install."""
    problems = {}
    has_cffi = subprocess.run([bin_python, "-c", "import cffi"], capture_output=True, check=False)
    if has_cffi.returncode != 0:  # no wheel of it (3.13t, 3.15): from source, or its own words
        problems["cffi"] = cffi_refusal(bin_python)
    for style, wheel in (("cffi", "primes_cffi"), ("pyo3", "primes_pyo3")):
        if not problems.get(style):
            wheels = (ROOT / "target" / "wheels").glob(f"{wheel}-*.whl")
            problems[style] = pip_install(bin_python, *wheels)
    return problems


def build_pyo3(python, label, bin_python):
    """PyO3 built for exactly this interpreter (`--no-default-features`: no abi3) and
    installed, when the abi3 wheel was refused. None once installed, else why not, in
    PyO3's words."""
    out = ROOT / "target" / "matrix" / label / "wheels"
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "maturin", "build", "--release", "--quiet", "--no-default-features",
         "-m", ROOT / "crates/via-pyo3/Cargo.toml", "-i", python, "--out", out,
         "--target-dir", ROOT / "target" / "matrix" / label],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, **QUICK_RELEASE},
    )  # fmt: skip
    if result.returncode != 0:
        said = [line.strip() for line in result.stderr.splitlines() if "error" in line.lower()]
        return said[-1] if said else "maturin build failed"
    return pip_install(bin_python, *out.glob("*.whl"))


def build_rust_cpython(python, label, bin_python):
    """rust-cpython built for this interpreter and copied into its environment, as the
    module file a wheel for that version would install. None, or why it failed."""
    target = ROOT / "target" / "matrix" / label
    result = subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "via-rust-cpython",
         "--target-dir", target],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHON_SYS_EXECUTABLE": python, **QUICK_RELEASE},
    )  # fmt: skip
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
        return (errors or ["cargo build failed"])[0].strip()
    paths = run([bin_python, "-c", "import sysconfig; print(sysconfig.get_path('platlib'), "
                 "sysconfig.get_config_var('EXT_SUFFIX'))"]).split()  # fmt: skip
    shutil.copy(target / "release" / "libprimes_rust_cpython.so",
                Path(paths[0]) / f"primes_rust_cpython{paths[1]}")  # fmt: skip
    return None


def load_error(bin_python, style):
    """None if the style loads in this environment, else the last line of the error."""
    result = subprocess.run(
        [bin_python, "-c", f"from python_clients import load; load({style!r})"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    if result.returncode == 0:
        return None
    lines = result.stderr.strip().splitlines() or ["no output"]
    return re.sub(r"^\w+\.?\w*: ", "", lines[-1])[:160]


# The suites' own checks (their wrong versions, their controls) take no style: they run once
# per interpreter, in the same run as the styles, and get a column of their own.
CHECKS = "the suites' own checks"
STYLE_IN_ID = re.compile(
    r"\[(?:.*?-)?(" + "|".join(map(re.escape, STYLES)) + r")(?:-.*)?\]$"
)  # fmt: skip


def run_suites(bin_python, styles, label):
    """The contract suites, once, for every style in `styles`: {style or CHECKS: (passed,
    failed, known breaks)}, read from pytest's JUnit report, test by test. A known break is
    an expected failure that tests/conftest.py lists with its reason (KNOWN_ON_PYPY)."""
    report = ROOT / "target" / "matrix" / label / "report.xml"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.unlink(missing_ok=True)
    result = subprocess.run(
        [bin_python, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}",
         *SUITES],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FFI_STYLES": ",".join(styles)},
    )  # fmt: skip
    counts = {name: [0, 0, 0] for name in [*styles, CHECKS]}  # passed, failed, known breaks
    if result.returncode not in (0, 1) or not report.exists():  # pytest itself failed
        say(result.stdout[-2000:] + result.stderr[-2000:])
        return {name: (0, 1, 0) for name in counts}
    for case in ElementTree.parse(report).iter("testcase"):
        style = STYLE_IN_ID.search(case.get("name", ""))
        skipped = case.find("skipped")
        if skipped is not None and skipped.get("type") != "pytest.xfail":
            continue
        failed = case.find("failure") is not None or case.find("error") is not None
        outcome = 2 if skipped is not None else int(failed)  # an expected failure: 2
        counts[style.group(1) if style else CHECKS][outcome] += 1
    if any(failed for _, failed, _ in counts.values()):
        say(result.stdout[-3000:])
    return {name: tuple(pair) for name, pair in counts.items()}


def prepare(python, interpreter, label):
    """The environment's python, and {style: why it cannot run, or None} for every style."""
    bin_python = environment(python, label, interpreter.free_threaded)
    problems = {style: why_not(style, interpreter) for style in STYLES}
    # cffi's and pip's own words, where they refuse, and PyO3's below, replace support.py's.
    problems.update(install_wheels(bin_python))
    if problems["pyo3"]:  # the abi3 wheel was refused: one for this interpreter
        say("  pyo3: building for this interpreter")
        why = build_pyo3(python, label, bin_python)
        problems["pyo3"] = why and f"{problems['pyo3']}; and a build for this interpreter: {why}"
    if not problems["rust-cpython"]:
        say("  rust-cpython: building for this interpreter")
        problems["rust-cpython"] = build_rust_cpython(python, label, bin_python)
    return bin_python, problems


def main():
    rows, failures = [], 0
    for asked, python, missing in interpreters():
        if python is None:
            say(f"== {asked}: skipped: {missing}")
            rows.append([asked, *[f"skipped: {missing}"] * (len(STYLES) + 1)])
            continue
        interpreter, text = describe(python)
        say(f"== {text} ({python})")
        started = time.monotonic()
        bin_python, problems = prepare(python, interpreter, label_of(interpreter))
        ready = []
        for style in STYLES:
            problems[style] = problems[style] or load_error(bin_python, style)
            if problems[style]:
                say(f"  {style}: cannot load: {problems[style]}")
            else:
                ready.append(style)
        say(f"  running the contract suites for {', '.join(ready)}")
        counts = run_suites(bin_python, ready, label_of(interpreter))
        cells = []
        for name in [*STYLES, CHECKS]:
            if name not in counts:
                cells.append(f"cannot load: {problems[name]}")
                continue
            passed, failed, known = counts[name]
            failures += failed
            cell = f"**{failed} failed**, {passed} passed" if failed else f"{passed} passed"
            cells.append(cell + (f", {known} known breaks (CONTRACT.md)" if known else ""))
        say(f"  ({time.monotonic() - started:.0f} s for {text})")
        rows.append([f"{text}{' (free-threaded)' if interpreter.free_threaded else ''}", *cells])
    write_table(rows)
    return 1 if failures else 0


def write_table(rows):
    lines = [
        "<!-- Written by `./just test-pythons` (tools/matrix.py); do not edit. -->",
        "",
        f"Measured on: {sysconfig.get_platform()}, the contract suites ({', '.join(SUITES)}).",
        "",
        "| Python | " + " | ".join([*STYLES, CHECKS]) + " |",
        "|---" * (len(STYLES) + 2) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    TABLE.write_text("\n".join(lines) + "\n")
    say("\n".join(lines[4:]))
    say(f"wrote {TABLE.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
