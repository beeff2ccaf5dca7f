# Python ⇄ Rust FFI, four ways. Run through ./just, which installs the pinned tools first.

set shell := ["bash", "-euo", "pipefail", "-c"]

venv := justfile_directory() / ".venv"
python := venv / "bin/python"

# Build scripts of the Python-facing crates look for an interpreter: give them ours.
export PYO3_PYTHON := python
export PYTHON_SYS_EXECUTABLE := python
# The scripts and tests import python_clients from the repository root.
export PYTHONPATH := justfile_directory()

# list the recipes
default:
    @just --list --unsorted

# build every style (release) and run both kernels through each, in one table
demo: build
    {{python}} -m python_clients.demo

# everything CI checks: formatting, lints, Rust tests, the contract suite
test: lint test-rust build test-python

# build every native style, in release mode
build: build-ctypes

# style 1: the C ABI cdylib that ctypes loads (target/release/libvia_ctypes.so)
build-ctypes:
    cargo build --release --quiet -p via-ctypes

# run one style's example: just run-example <style>
run-example style:
    #!/usr/bin/env bash
    set -euo pipefail
    style="{{style}}"
    script="examples/${style//-/_}_example.py"
    if [[ ! -f "$script" ]]; then
        echo "unknown example '$style'; the examples are:" >&2
        ls examples | sed -n 's/_example\.py$//p' | tr _ - | sed 's/^/  /' >&2
        exit 2
    fi
    {{python}} "$script"

# cargo fmt, clippy (warnings are errors), ruff
lint:
    cargo fmt --all --check
    cargo clippy --workspace --all-targets --quiet -- -D warnings
    {{python}} -m ruff check --quiet .
    {{python}} -m ruff format --check --quiet .

# the Rust unit, property and compile-fail tests
test-rust:
    cargo test --workspace --quiet

# the contract suite over every style, and the per-style tests
test-python:
    {{python}} -m pytest -q

# remove build outputs (keeps .venv and the cached tools)
clean:
    cargo clean
    rm -rf dist build .pytest_cache .ruff_cache .hypothesis
    find . -name __pycache__ -prune -exec rm -rf {} +
