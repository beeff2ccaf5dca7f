"""The PyO3 module's other builds (`./just build-pyo3-variants`), loaded from their paths.

They share the module name `primes_pyo3` with the installed abi3 build, so each is loaded
from its own file under its own spec, without touching `sys.modules`: all three can then be
timed side by side in one process.
"""

import importlib.util
from pathlib import Path

from . import StyleNotBuilt

VARIANTS = Path(__file__).resolve().parent.parent / "target" / "pyo3-variants"


def load_variant(name):
    """The `primes_pyo3` extension of variant `name` ("debug" or "native")."""
    found = sorted((VARIANTS / name / "primes_pyo3").glob("primes_pyo3*.so"))
    if not found:
        raise StyleNotBuilt(f"the {name} build of PyO3 is missing: ./just build-pyo3-variants")
    spec = importlib.util.spec_from_file_location("primes_pyo3.primes_pyo3", found[0])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
