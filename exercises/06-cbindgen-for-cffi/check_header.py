"""The check of exercise 06 (do not edit): run it with `./just exercise 6`."""

import subprocess
import sys
from pathlib import Path

import cffi

sys.path.insert(0, str(Path(__file__).parent.parent))
from native import build


def test_cffi_parses_the_header_and_calls_through_it():
    library = build("ex06")
    subprocess.run(["cargo", "run", "--quiet", "-p", "ex06", "--bin", "write-header"], check=True)
    ffi = cffi.FFI()
    ffi.cdef(Path("ex06.h").read_text())  # raises CDefError on any '#' line
    lib = ffi.dlopen(str(library))
    assert lib.ex06_area({"width": 6, "height": 7}) == 42
