"""Builds an exercise's crate, finds its library and imports it as a Python module: shared by
the checks of exercises 06 to 12, with the library's name right for the platform. And runs
code that may hang in a child interpreter, for exercise 12 and tests/test_deadlock.py."""

import importlib.machinery
import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

from python_clients._c_abi import library_path

# The runner sets CARGO_TARGET_DIR; run by hand, cargo builds into exercises/target.
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", Path(__file__).parent / "target"))


def library(crate, target=TARGET):
    """Where `cargo build -p crate` puts its cdylib: libex06.so on Linux, .dylib on macOS."""
    return target / "debug" / library_path(crate).name


def build(crate):
    """`cargo build -p crate`, configured as the runner's build step; the library's path."""
    env = {**os.environ, "PYO3_BUILD_EXTENSION_MODULE": "1"}
    subprocess.run(["cargo", "build", "--quiet", "-p", crate], check=True, env=env)
    return library(crate)


def import_library(name, path):
    """Import the extension module `name` from a library at `path`, whatever its suffix: on
    macOS cargo writes .dylib, which no import statement looks for."""
    loader = importlib.machinery.ExtensionFileLoader(name, str(path))
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def build_and_import(crate):
    """Build the crate and import its library as the module `crate`."""
    return import_library(crate, build(crate))


# Seconds a child that hung has, after a Ctrl-C, to end before it is killed.
GRACE = 5


class Hung(Exception):
    """A child gave no answer in time; the message says whether a Ctrl-C then ended it."""


def run_python(code, limit, **options):
    """Run the source `code` in a fresh interpreter for at most `limit` seconds: its
    CompletedProcess, output as text. When it has not ended by then it gets a Ctrl-C, as a
    user at the keyboard would send, then a kill, and Hung says which one ended it."""
    command = [sys.executable, "-c", code]
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    with subprocess.Popen(command, **output, **options) as child:
        try:
            stdout, stderr = child.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGINT)
            try:
                child.communicate(timeout=GRACE)
                raise Hung(f"no answer after {limit} seconds; a Ctrl-C then ended it") from None
            except subprocess.TimeoutExpired:
                child.kill()
                child.communicate()
                raise Hung(f"no answer after {limit} seconds, and it ignored Ctrl-C") from None
    return subprocess.CompletedProcess(command, child.returncode, stdout, stderr)
