"""Packages the via-cffi library and its cffi module as a wheel, the milksnake way: how
this style was built until maturin's cffi bindings replaced it (../pyproject.toml). Kept so
that chapter 4 can set the two side by side; `./just build-cffi-milksnake` builds it.

milksnake runs cargo, copies the cdylib into the package as `_native__lib.so`, and writes
`_native.py`, which opens it with cffi using the declarations of include/kernels.h.
"""

import os
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent  # crates/via-cffi: the header and the python/ package
os.chdir(CRATE)  # milksnake resolves in_path against the current directory
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", CRATE.parent.parent / "target"))


# ANCHOR: milksnake_tasks
def build_native(spec):
    cargo = spec.add_external_build(
        cmd=["cargo", "build", "--release", "--quiet", "-p", "via-ctypes"],
        path=str(CRATE),
    )
    spec.add_cffi_module(
        module_path="primes_cffi._native",
        dylib=lambda: cargo.find_dylib("via_ctypes", in_path=os.path.relpath(TARGET / "release")),
        header_filename=lambda: str(CRATE / "include" / "kernels.h"),
        # cbindgen was told to write no directives (cbindgen.toml), so nothing needs stripping.
        header_strip_directives=False,
        rtld_flags=["NOW", "NODELETE"],
    )


setup(
    name="primes-cffi",
    version="0.1.0",
    description="The sieve and count_doubles kernels in Rust, through cffi (style 2 of the book)",
    packages=["primes_cffi"],
    package_dir={"": "python"},
    install_requires=["cffi>=1.17"],
    python_requires=">=3.10",
    zip_safe=False,
    platforms="any",
    milksnake_tasks=[build_native],
)
# ANCHOR_END: milksnake_tasks
