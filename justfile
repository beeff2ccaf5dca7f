# Python ⇄ Rust FFI, four ways. Run through ./just, which installs the pinned tools first.

set shell := ["bash", "-euo", "pipefail", "-c"]

venv := justfile_directory() / ".venv"
python := venv / "bin/python"
# mdbook is built from crates.io into the project's tools folder, pinned like everything else.
mdbook_version := "0.4.52"
mdbook := justfile_directory() / ".tools/bin/mdbook"

# As if .venv were activated: its tools (maturin, ruff, pytest…) come first on PATH.
export PATH := venv / "bin" + ":" + env_var("PATH")
export VIRTUAL_ENV := venv
# Build scripts of the Python-facing crates look for an interpreter: give them the one .venv
# was made from, by its own path, so that a .venv made anew for another Python changes the
# value and cargo reruns them (the path .venv/bin/python stays the same).
interpreter := `.venv/bin/python -c "import os, sys; print(os.path.realpath(sys.executable))"`
export PYO3_PYTHON := interpreter
export PYTHON_SYS_EXECUTABLE := interpreter
# The scripts and tests import python_clients from the repository root.
export PYTHONPATH := justfile_directory()

# list the recipes
default:
    @just --list --unsorted

# build every style (release) and run both kernels through each, in one table
demo: build-styles
    {{python}} -m python_clients.demo

# everything CI checks: lints, Rust and Python tests, every Python, the book, the exercises,
# the wheels to publish, and the book's walkthrough of a new package
test: lint test-rust build test-python test-pythons test-book check-solutions test-wheels test-walkthrough

# run one style's example: just run-example <style>
run-example style:
    #!/usr/bin/env bash
    set -euo pipefail
    name="examples/$(echo "{{style}}" | tr - _)_example"
    if [[ -f "$name.py" ]]; then
        {{python}} "$name.py"
    elif [[ -f "$name.sh" ]]; then
        "$name.sh"
    else
        echo "unknown example '{{style}}'; the examples are:" >&2
        ls examples | sed -n 's/_example\..*$//p' | tr _ - | sed 's/^/  /' >&2
        exit 2
    fi

# build everything: the four styles, PyO3's other builds, cffi's API mode and milksnake
# build, the C detour
build: build-styles build-pyo3-variants build-cffi-api build-cffi-milksnake build-c

# build the four native styles, in release mode
build-styles: build-ctypes build-cffi build-rust-cpython build-pyo3

# style 1: the C ABI cdylib that ctypes loads (target/release/libvia_ctypes.so)
build-ctypes:
    cargo build --release --quiet -p via-ctypes

# style 2: the cffi package of crates/via-cffi, built by maturin's cffi bindings, into .venv
build-cffi: (for-this-python "cffi" "wheel" "crates/via-cffi")

# style 2 the old way: the same package built by milksnake (target/wheels/milksnake), for ch04
build-cffi-milksnake: (wheel "crates/via-cffi/milksnake" "target/wheels/milksnake" "no")

# style 3: the rust-cpython extension module, built as a wheel by setuptools-rust (for
# CPython with the GIL: python_clients/support.py says why not otherwise)
build-rust-cpython: (for-this-python "rust-cpython" "wheel" "crates/via-rust-cpython")

# cffi's API mode: the header compiled into an extension module (target/cffi-api), for ch04
build-cffi-api: build-ctypes
    {{python}} crates/via-cffi/api_mode.py target/cffi-api

# the C detour's binaries: the dangling sieve and its fix, plain and under ASan (c_comparison/out)
build-c:
    make -s -C c_comparison all

# style 4: the PyO3 module, an abi3 wheel built by maturin (release, as pip always builds it)
build-pyo3: (for-this-python "pyo3" "wheel" "crates/via-pyo3")

# PyO3's two other builds for the benchmarks: debug on purpose, and release without abi3
build-pyo3-variants:
    rm -rf target/pyo3-variants
    {{python}} -m maturin build --quiet -m crates/via-pyo3/Cargo.toml --out target/pyo3-variants/debug
    {{python}} -m maturin build --quiet --release --no-default-features -m crates/via-pyo3/Cargo.toml --out target/pyo3-variants/native
    for variant in debug native; do {{python}} -m zipfile -e target/pyo3-variants/$variant/*.whl target/pyo3-variants/$variant; done

# the contract on every CPython the machine has (PYTHONS=..., else pyenv's, else PATH's):
# fresh environments in ~/.cache/ffi-four-ways; writes book/src/generated/pythons.md
test-pythons: build
    {{python}} tools/matrix.py

# the wheels and sdists to publish (PyO3 abi3 and cffi, manylinux2014), into dist/, checked
wheels:
    {{python}} -m pip install --quiet -r tools/shipping.txt
    bash tools/wheels.sh

# what a user of dist/ relies on: auditwheel agrees with each tag, twine check, and each file
# installed into a fresh environment outside the repository, where it passes the contract
test-wheels: build wheels
    {{python}} -m pytest -q -p no:cacheprovider tests/shipping

# the commands of the chapter "Start your own, and ship it", run in an empty folder
test-walkthrough:
    #!/usr/bin/env bash
    set -euo pipefail
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    echo "the walkthrough, in $work (builds two new packages: a minute the first time)"
    # As a reader would run it: none of this repository's environment, but a cache of the
    # compiled dependencies outside the work tree.
    env -u PYO3_PYTHON -u PYTHON_SYS_EXECUTABLE -u PYTHONPATH -u VIRTUAL_ENV         PATH="${PATH#{{venv}}/bin:}"         CARGO_TARGET_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/ffi-four-ways/walkthrough-target"         bash tools/start-your-own.sh "$work"

# a free-threaded CPython (PYTHON_FT, else built once into ~/.cache/ffi-four-ways): its path
free-threaded:
    @bash tools/free-threaded.sh

# the threads table on Python 3.11 and on the free-threaded build (after ./just test-pythons)
bench-free-threaded: build
    {{python}} tools/scaling.py write "${XDG_CACHE_HOME:-$HOME/.cache}/ffi-four-ways/venvs/3.11/bin/python" "${XDG_CACHE_HOME:-$HOME/.cache}/ffi-four-ways/venvs/3.13t/bin/python"

# the sieve, count_doubles and one call on PyPy beside CPython, in one run (after ./just test-pythons)
bench-pypy: build-styles build-cffi-api
    #!/usr/bin/env bash
    set -euo pipefail
    pypy="${XDG_CACHE_HOME:-$HOME/.cache}/ffi-four-ways/venvs/pypy3.11/bin/python"
    if [[ ! -x "$pypy" ]]; then
        echo "bench-pypy needs the version matrix's PyPy environment, $pypy: run ./just test-pythons first" >&2
        exit 1
    fi
    # PyPy's PyO3 and cffi in release, as CPython's are (the matrix builds PyO3 quicker, for
    # its tests), on the PyPy child's path only: target/bench-pypy/site.
    rm -rf target/bench-pypy/wheels target/bench-pypy/site
    echo "building PyO3 for PyPy (release: a minute the first time)"
    {{python}} -m maturin build --quiet --release --no-default-features -m crates/via-pyo3/Cargo.toml -i "$pypy" --out target/bench-pypy/wheels --target-dir target/bench-pypy
    for wheel in target/bench-pypy/wheels/primes_pyo3-*.whl target/wheels/primes_cffi-*.whl; do {{python}} -m zipfile -e "$wheel" target/bench-pypy/site; done
    "$pypy" crates/via-cffi/api_mode.py target/cffi-api
    {{python}} -m python_clients.bench_pypy {{python}} "$pypy"

# regenerate crates/via-cffi/include/kernels.h from the Rust source with cbindgen
header:
    UPDATE_HEADER=1 cargo test --quiet -p via-ctypes --test header

# measure every style on release builds; `./just bench quick` runs small sizes and only prints
bench mode="full": build
    #!/usr/bin/env bash
    set -euo pipefail
    if [[ "{{mode}}" == quick ]]; then
        {{python}} -m python_clients.bench quick
    else
        {{python}} -m python_clients.bench
        cargo run --quiet --release -p kernels --example sieve_steps -- 100000000 > book/src/generated/steps.md
        echo "wrote book/src/generated/steps.md"
    fi

# install the benchmarks' optional reference, primesieve, into .venv (needs its C++ library)
anchors:
    #!/usr/bin/env bash
    set -euo pipefail
    if ! echo '#include <primesieve.h>' | c++ -E -x c++ - >/dev/null 2>&1; then
        echo "primesieve's Python package builds against its C++ library, which is missing:" >&2
        echo "  Debian/Ubuntu: sudo apt install libprimesieve-dev    macOS: brew install primesieve" >&2
        exit 1
    fi
    {{python}} -m pip install --quiet -r tools/anchors.txt
    {{python}} -c "import primesieve; print('primesieve installed into .venv:', primesieve.__file__)"

# build the book into book/book
book: install-mdbook
    mkdir -p target && {{mdbook}} build book 2>&1 | tee target/book-build.log

# build the book and serve it on http://127.0.0.1:3000
serve-book: book
    @echo "the book: http://127.0.0.1:3000 (Ctrl-C stops)"
    {{python}} -m http.server --bind 127.0.0.1 --directory book/book 3000

# regenerate every output the book shows (sanitizer reports, examples, matrices, the demo)
refresh-outputs: build
    {{python}} book/outputs.py write

# the book builds cleanly, its outputs are current, its links resolve, and it works in a browser
test-book: book
    {{python}} book/check.py target/book-build.log
    {{python}} book/outputs.py check
    {{python}} book/browser_check.py

[private]
install-mdbook:
    #!/usr/bin/env bash
    set -euo pipefail
    if ! "{{mdbook}}" --version 2>/dev/null | grep -q "v{{mdbook_version}}"; then
        echo "installing mdbook {{mdbook_version}} into .tools/ (once; a few minutes)"
        cargo install mdbook --locked --quiet --version {{mdbook_version}} --root .tools \
            --no-default-features --features search
    fi

# the workshop exercises: list them, or build and check exercise N (`--backtrace` for Rust's frames)
exercise *args:
    {{python}} exercises/runner.py {{args}}

# the next hint of exercise N, without running its check
hint number:
    {{python}} exercises/runner.py hint {{number}}

# every exercise's starting point, as committed, fails its check, and its reference solution passes
check-solutions *numbers:
    {{python}} exercises/runner.py check-solutions {{numbers}}

# cargo fmt, clippy (warnings are errors), ruff
lint:
    cargo fmt --all --check
    cargo clippy --workspace --all-targets --quiet -- -D warnings
    {{python}} -m ruff check --quiet .
    {{python}} -m ruff format --check --quiet .

# the Rust unit, property and compile-fail tests
test-rust:
    cargo test --workspace --quiet

# the contract suite over every style, the per-style tests, and PyO3's stubs against the module
test-python:
    {{python}} -m pytest -q --ignore=tests/shipping
    {{python}} -m mypy.stubtest primes_pyo3 --allowlist crates/via-pyo3/stubtest-allowlist.txt

# remove build outputs (keeps .venv and the cached tools)
clean:
    cargo clean
    rm -rf dist build .pytest_cache .ruff_cache .hypothesis
    find . -name __pycache__ -prune -exec rm -rf {} +
    find crates -name build -prune -exec rm -rf {} +

# a style's recipe, or the one line that says why the style is not built for this Python
[private]
for-this-python style +recipe:
    #!/usr/bin/env bash
    set -euo pipefail
    if {{python}} -m python_clients.support {{style}}; then just {{recipe}}; fi

# build a package's wheel with the pinned tools of .venv into `into` (target/wheels: for this
# machine; dist/ is for the wheels to publish, ./just wheels), and install it into .venv
[private]
wheel package into="target/wheels" install="yes":
    #!/usr/bin/env bash
    set -euo pipefail
    out=$(mktemp -d) log=$(mktemp)
    trap 'rm -rf "$out" "$log"' EXIT
    echo "building {{package}} (release: the first build compiles for minutes; later ones are quick)"
    # setuptools' deprecation notices about milksnake's setup.py hooks would bury the output:
    # keep the log, and show it only when the build fails.
    if ! {{python}} -m pip wheel --no-build-isolation --no-deps --wheel-dir "$out" {{package}} >"$log" 2>&1; then
        cat "$log" >&2; exit 1
    fi
    wheel=$(basename "$out"/*.whl)
    # One wheel per package here: an older one (another tag, another version) goes.
    mkdir -p {{into}} && rm -f {{into}}/"${wheel%%-*}"-*.whl && mv "$out/$wheel" {{into}}/
    if [[ "{{install}}" == yes ]]; then
        {{python}} -m pip install --quiet --force-reinstall --no-deps "{{into}}/$wheel"
        echo "built and installed {{into}}/$wheel"
    else
        echo "built {{into}}/$wheel"
    fi
