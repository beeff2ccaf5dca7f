"""cffi's API mode: the same header, compiled into a CPython extension module.

In ABI mode (what maturin and milksnake ship, `ffi.dlopen`), cffi reads the declarations at import
time and calls through libffi, trusting them as ctypes trusts its argtypes. In API mode,
`set_source` writes C code that includes the header and calls each function directly; the C
compiler checks every declaration against the header, and a call is an ordinary C call.

    python crates/via-cffi/api_mode.py OUT_DIR   # builds OUT_DIR/_kernels_api.*.so

It links against the via-ctypes library that `./just build-ctypes` leaves in target/release.
"""

import os
import sys
from pathlib import Path

from cffi import FFI

HERE = Path(__file__).resolve().parent
RELEASE = Path(os.environ.get("CARGO_TARGET_DIR", HERE.parent.parent / "target")) / "release"

# ANCHOR: api_mode
ffi = FFI()
ffi.cdef((HERE / "include" / "kernels.h").read_text())
ffi.set_source(
    "_kernels_api",
    '#include <stddef.h>\n#include <stdint.h>\n#include "kernels.h"\n',
    include_dirs=[str(HERE / "include")],
    libraries=["via_ctypes"],
    library_dirs=[str(RELEASE)],
    extra_link_args=[f"-Wl,-rpath,{RELEASE}"],  # find the library where cargo left it
)
# ANCHOR_END: api_mode

if __name__ == "__main__":
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    print(f"built {ffi.compile(tmpdir=str(out))}")
