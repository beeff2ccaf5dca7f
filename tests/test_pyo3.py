"""What is particular to PyO3: documentation, signatures and the shape of the wheel."""

import zipfile
from pathlib import Path

import primes_pyo3
import pytest
from hypothesis import HealthCheck, given, settings

from python_clients.variants import load_variant
from tests import test_arrays
from tests.hostile import any_text
from tests.isolated import ROOT
from tests.test_contract import DOUBLES, reference


def test_docstrings_and_signatures_show_in_help():
    for name in sorted(set(primes_pyo3.__all__) - {"MAX_N"}):
        function = getattr(primes_pyo3, name)
        assert function.__doc__ and function.__doc__.strip(), name
    assert primes_pyo3.count_primes.__text_signature__ == "(n, *, threads=1)"
    assert primes_pyo3.count_doubles.__text_signature__ == "(s)"
    assert primes_pyo3.primes_array.__text_signature__ == "(n)"
    assert primes_pyo3.count_equal_neighbours.__text_signature__ == "(buffer)"
    assert primes_pyo3.__doc__.startswith("The sieve and count_doubles kernels")


def test_max_n_is_exported():
    assert primes_pyo3.MAX_N == 2**32 - 1


def test_the_wheel_is_abi3_and_ships_its_stubs():
    (wheel,) = Path(ROOT, "target", "wheels").glob("primes_pyo3-*.whl")
    # 3.11: the buffer protocol (count_equal_neighbours) entered the stable ABI there.
    assert "-cp311-abi3-" in wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert "primes_pyo3/__init__.pyi" in names
    assert "primes_pyo3/py.typed" in names


@pytest.fixture(scope="module")
def native():
    """The version-specific build, which reads str data in place (unsafe code: test it)."""
    return load_variant("native")


@pytest.mark.parametrize("s", list(DOUBLES), ids=[repr(s)[:20] for s in DOUBLES])
def test_the_native_build_counts_code_points_in_place(native, s):
    assert native.count_doubles(s) == DOUBLES[s]


def test_the_native_build_counts_lone_surrogates(native):
    assert native.count_doubles("\ud800\ud800") == 1
    assert native.count_doubles("a\udfffb") == 0


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(s=any_text())
def test_the_native_build_agrees_with_the_reference(native, s):
    assert native.count_doubles(s) == reference.count_doubles(s)


def test_the_native_build_reads_str_subclasses_of_every_kind(native):
    """A subclass instance is not compact: its code points live behind a pointer."""

    class Sub(str):
        def __len__(self):
            return 10**7

    for text in ("aabb", "ééxé", "ĀĀaa", "😀😀😁", "", "\ud800\ud800"):
        assert native.count_doubles(Sub(text)) == reference.count_doubles(text), repr(text)


@pytest.mark.parametrize("exporter", list(test_arrays.EXPORTERS))
def test_the_native_build_borrows_every_exporter(native, exporter):
    """The same buffer code, compiled against the full C API instead of the stable ABI."""
    buffer = eval(exporter, vars(test_arrays))
    assert native.count_equal_neighbours(buffer) == test_arrays.EXPORTERS[exporter]


def test_the_native_build_hands_rusts_vec_over(native):
    primes = native.primes_array(30)
    assert primes.tolist() == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert type(primes.base).__name__ == "PySliceContainer"  # rust-numpy's owner of the Vec
