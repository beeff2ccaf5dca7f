"""The check of exercise 06 (do not edit): run it with `./just exercise 6`."""

import os
import subprocess
import sys
from pathlib import Path

import cffi

TARGET = Path(os.environ.get("CARGO_TARGET_DIR", "../target"))


def test_cffi_parses_the_header_and_calls_through_it():
    subprocess.run(["cargo", "build", "--quiet", "-p", "ex06"], check=True)  # the library too
    subprocess.run(["cargo", "run", "--quiet", "-p", "ex06", "--bin", "write-header"], check=True)
    ffi = cffi.FFI()
    ffi.cdef(Path("ex06.h").read_text())  # raises CDefError on any '#' line
    suffix = {"darwin": "dylib", "win32": "dll"}.get(sys.platform, "so")
    lib = ffi.dlopen(str(TARGET / "debug" / f"libex06.{suffix}"))
    assert lib.ex06_area({"width": 6, "height": 7}) == 42
