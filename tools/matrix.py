"""`./just test-pythons`: the contract suite on every CPython the README claims, for every
style that loads there.

    python tools/matrix.py            # run, print the table, write book/src/generated/pythons.md

Interpreters come from `PYTHONS` (paths, separated by spaces), else from pyenv's versions,
else from `python3.X` on PATH; and a free-threaded one from tools/free-threaded.sh (which
builds it once into the cache), unless `MATRIX_FREE_THREADED=0`.

Each gets a virtual environment of its own in the cache (`~/.cache/ffi-four-ways`, or
`$XDG_CACHE_HOME`), outside the repository and so outside its import path, with the pinned
test tools of tools/matrix-requirements*.txt and the styles installed as a user would: the
abi3 PyO3 wheel and the cffi wheel as `./just build` made them (once, for every version),
and rust-cpython built for that version; PyO3 too where its abi3 wheel's floor (3.11) is
above the interpreter. A style that does not load on an interpreter is
reported with the error it gave, never silently passed; a version the machine lacks is
reported as skipped. Exits 1 if any loaded style fails.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ffi-four-ways"
REQUIREMENTS = ROOT / "tools" / "matrix-requirements.txt"
REQUIREMENTS_FT = ROOT / "tools" / "matrix-requirements-ft.txt"
TABLE = ROOT / "book" / "src" / "generated" / "pythons.md"
sys.path.insert(0, str(ROOT))

from python_clients import STYLES  # noqa: E402

CLAIMED = [(3, 10), (3, 11), (3, 12), (3, 13)]
# The cpython crate's feature for each version it names; later ones read the interpreter.
RUST_CPYTHON_FEATURE = {(3, 10): "python-3-10", (3, 11): "python-3-11"}
SUITES = ["tests/test_contract.py", "tests/test_hostile.py", "tests/test_arrays.py"]


def interpreters():
    """The interpreters to test, by `PYTHONS`, pyenv or PATH, in that order of preference."""
    found = os.environ["PYTHONS"].split() if os.environ.get("PYTHONS") else versioned()
    if os.environ.get("MATRIX_FREE_THREADED", "1") != "0":
        # Its progress (a first build takes minutes) goes straight to the terminal.
        built = subprocess.run(["bash", ROOT / "tools" / "free-threaded.sh"],
                               stdout=subprocess.PIPE, text=True, check=False)  # fmt: skip
        if built.returncode == 0:
            found.append(built.stdout.strip())
        elif os.environ.get("CI"):  # CI must test it; elsewhere the table says it was skipped
            sys.exit("no free-threaded CPython (tools/free-threaded.sh failed), and CI needs one")
    return found


def versioned():
    """pyenv's interpreters of the versions the README claims, else those on PATH."""
    pyenv = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False)
    root = pyenv.stdout.strip() if pyenv.returncode == 0 else str(Path.home() / ".pyenv")
    found = []
    for major, minor in CLAIMED:
        candidates = sorted(
            glob.glob(f"{root}/versions/{major}.{minor}.*/bin/python{major}.{minor}")
        )
        on_path = shutil.which(f"python{major}.{minor}")
        if candidates or on_path:
            found.append(candidates[-1] if candidates else on_path)
    return found


def describe(python):
    """(major, minor), the version as text, and whether it is a free-threaded build."""
    code = (
        "import sys, sysconfig; print(sys.version_info[0], sys.version_info[1], "
        "sys.version.split()[0], bool(sysconfig.get_config_var('Py_GIL_DISABLED')))"
    )
    major, minor, text, free = run([python, "-c", code]).split()
    return (int(major), int(minor)), text + ("t" if free == "True" else ""), free == "True"


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
    if not bin_python.exists():
        print(f"  creating {venv}", flush=True)
        run([python, "-m", "venv", "--clear", venv])
    if not stamp.exists() or stamp.read_text() != requirements.read_text():
        print(f"  installing {requirements.name} into it (once)", flush=True)
        run([bin_python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--only-binary", ":all:", "-r", requirements])  # fmt: skip
        stamp.write_text(requirements.read_text())
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
         "--no-deps", "cffi==2.1.1"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode == 0:
        return None
    said = [line.strip() for line in result.stderr.splitlines() if "Error:" in line]
    return said[0] if said else "cffi did not install"


def install_wheels(bin_python, free):
    """The wheels `./just build` left in target/wheels/ that are not tied to one Python version, one
    at a time: {style: pip's error} for those that would not install."""
    problems = {}
    if free:  # cffi itself first, from source if need be: its own words when it refuses
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
    # The published package asks for 3.11 (its sdist builds the abi3 wheel, which needs it):
    # this wheel, built for this one version, is installed outside that promise, on purpose.
    return pip_install(bin_python, "--ignore-requires-python", *out.glob("*.whl"))


# Correctness, not speed, is tested here: quicker release builds.
QUICK_RELEASE = {"CARGO_PROFILE_RELEASE_LTO": "false", "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "16"}


def build_rust_cpython(python, version, label, bin_python, free):
    """rust-cpython built for this interpreter and copied into its environment, as the
    module file a wheel for that version would install. None, or why it failed."""
    if free:
        return ("not built: python3-sys 0.7.2 declares only the GIL build's object header, "
                "so a module built for 3.13t would corrupt reference counts")  # fmt: skip
    feature = RUST_CPYTHON_FEATURE.get(version, "python-3")
    target = ROOT / "target" / "matrix" / label
    result = subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "via-rust-cpython",
         "--no-default-features", "--features", feature, "--target-dir", target],
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


def run_suite(bin_python, style):
    """The contract suites for one style: (passed, failed) counts, from pytest's summary."""
    result = subprocess.run(
        [bin_python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITES],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FFI_STYLES": style},
    )  # fmt: skip
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|error)", summary)}
    failed = counts.get("failed", 0) + counts.get("error", 0)
    if result.returncode not in (0, 1) or (failed == 0 and result.returncode != 0):
        failed = max(failed, 1)
        print(result.stdout[-2000:] + result.stderr[-2000:], flush=True)
    elif failed:
        print(result.stdout[-3000:], flush=True)
    return counts.get("passed", 0), failed


def main():
    rows, failures, tested = [], 0, set()
    for python in interpreters():
        version, text, free = describe(python)
        label = f"{version[0]}.{version[1]}{'t' if free else ''}"
        tested.add(version)
        print(f"== Python {text} ({python})", flush=True)
        bin_python = environment(python, label, free)
        problems = {style: None for style in STYLES}
        problems.update(install_wheels(bin_python, free))
        problems["rust-cpython"] = build_rust_cpython(python, version, label, bin_python, free)
        if problems.get("pyo3"):  # the abi3 wheel was refused: one for this version
            why = build_pyo3(python, label, bin_python)
            problems["pyo3"] = why and f"{problems['pyo3']}; and a build for this version: {why}"
        cells = []
        for style in STYLES:
            why = problems[style] or load_error(bin_python, style)
            if why:
                print(f"  {style}: cannot load: {why}", flush=True)
                cells.append(f"cannot load: {why}")
                continue
            print(f"  {style}: running the contract suites", flush=True)
            passed, failed = run_suite(bin_python, style)
            failures += failed
            cells.append(f"**{failed} failed**, {passed} passed" if failed else f"{passed} passed")
        rows.append([f"{text}{' (free-threaded)' if free else ''}", *cells])
    if not any(row[0].endswith("(free-threaded)") for row in rows):
        print("== free-threaded: none to be had here, skipped", flush=True)
        rows.append(["free-threaded", *["skipped: no free-threaded CPython here"] * len(STYLES)])
    for version in CLAIMED:
        if version not in tested:
            print(f"== Python {version[0]}.{version[1]}: not on this machine, skipped", flush=True)
            rows.append(
                [f"{version[0]}.{version[1]}", *["skipped: not on this machine"] * len(STYLES)]
            )
    write_table(rows)
    return 1 if failures else 0


def write_table(rows):
    lines = [
        "<!-- Written by `./just test-pythons` (tools/matrix.py); do not edit. -->",
        "",
        f"Measured on: {sysconfig.get_platform()}, the contract suites ({', '.join(SUITES)}).",
        "",
        "| Python | " + " | ".join(STYLES) + " |",
        "|---" * (len(STYLES) + 1) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    TABLE.write_text("\n".join(lines) + "\n")
    print("\n".join(lines[4:]))
    print(f"wrote {TABLE.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
