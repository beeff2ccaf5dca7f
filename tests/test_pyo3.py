"""What is particular to PyO3: documentation, signatures and the shape of the wheel."""

import zipfile
from pathlib import Path

import primes_pyo3

from tests.isolated import ROOT


def test_docstrings_and_signatures_show_in_help():
    for name in ("count_primes", "primes", "count_doubles"):
        function = getattr(primes_pyo3, name)
        assert function.__doc__ and function.__doc__.strip(), name
    assert primes_pyo3.count_primes.__text_signature__ == "(n)"
    assert primes_pyo3.count_doubles.__text_signature__ == "(s)"
    assert primes_pyo3.__doc__.startswith("The sieve and count_doubles kernels")


def test_max_n_is_exported():
    assert primes_pyo3.MAX_N == 2**32 - 1


def test_the_wheel_is_abi3_and_ships_its_stubs():
    (wheel,) = Path(ROOT, "dist").glob("primes_pyo3-*.whl")
    assert "-cp39-abi3-" in wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert "primes_pyo3/__init__.pyi" in names
    assert "primes_pyo3/py.typed" in names
