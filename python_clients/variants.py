"""The other builds the benchmarks compare, loaded from their paths: PyO3's debug and
version-specific builds (`./just build-pyo3-variants`), and cffi's API mode
(`./just build-cffi-api`).

They share the module name `primes_pyo3` with the installed abi3 build, so each is loaded
from its own file under its own spec, without touching `sys.modules`: all three can then be
timed side by side in one process.
"""

import importlib.machinery
import importlib.util
from pathlib import Path

from . import StyleNotBuilt

VARIANTS = Path(__file__).resolve().parent.parent / "target" / "pyo3-variants"


def load_variant(name):
    """The `primes_pyo3` extension of variant `name` ("debug" or "native")."""
    return _load(VARIANTS / name / "primes_pyo3", "primes_pyo3", "primes_pyo3.primes_pyo3",
                 f"the {name} build of PyO3 is missing: ./just build-pyo3-variants")  # fmt: skip


def load_cffi_api():
    """The API-mode cffi module of crates/via-cffi/api_mode.py (`ffi` and `lib`)."""
    return _load(VARIANTS.parent / "cffi-api", "_kernels_api", "_kernels_api",
                 "the API-mode cffi module is missing: ./just build-cffi-api")  # fmt: skip


def _load(folder, stem, name, missing):
    # Only a file this interpreter can import, its most specific suffix first: the builds for
    # CPython and for PyPy sit side by side in one folder (./just bench-pypy).
    found = [
        path
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
        for path in sorted(folder.glob(stem + suffix))
    ]
    if not found:
        raise StyleNotBuilt(missing)
    spec = importlib.util.spec_from_file_location(name, found[0])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
