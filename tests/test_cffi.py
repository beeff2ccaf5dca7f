"""What is particular to cffi: declarations from the header, checked arguments, and buffers
that free themselves; the wheel as a user would install it, and as milksnake built it."""

import subprocess
import sys
import venv
import zipfile

import pytest
from primes_cffi import ffi, lib, primes_buffer

from python_clients import _c_abi
from python_clients._contract import MAX_THREADS
from python_clients.variants import load_cffi_api
from tests.isolated import ROOT
from tests.test_leaks import resident_bytes


def test_the_header_and_the_python_mapping_agree_on_statuses():
    from_header = {
        lib.STATUS_OUT_OF_RANGE: ValueError,
        lib.STATUS_OUT_OF_MEMORY: MemoryError,
        lib.STATUS_INVALID_TEXT: ValueError,
        lib.STATUS_NULL_POINTER: ValueError,
        lib.STATUS_PANIC: SystemError,
        lib.STATUS_INVALID_ITEMS: ValueError,
        lib.STATUS_THREADS_OUT_OF_RANGE: ValueError,
    }
    assert lib.STATUS_OK == 0
    assert from_header == _c_abi.EXCEPTIONS


@pytest.mark.parametrize("n", [-1, 2**64 + 3])
def test_cffi_refuses_what_the_c_type_cannot_hold(n):
    """Where ctypes wraps 2**64 + 3 to 3 (see test_ctypes.py), cffi raises."""
    with pytest.raises(OverflowError):
        lib.kernels_count_primes(n, ffi.new("size_t *"))


@pytest.mark.parametrize("threads", [-1, 2**64 + 3])
def test_cffi_refuses_a_thread_count_the_c_type_cannot_hold(threads):
    with pytest.raises(OverflowError):
        lib.kernels_count_primes_threads(10, threads, ffi.new("size_t *"))


def test_the_library_and_python_agree_on_the_most_threads():
    assert lib.KERNELS_MAX_THREADS == MAX_THREADS
    count = ffi.new("size_t *")
    assert lib.kernels_count_primes_threads(10, MAX_THREADS + 1, count) == (
        lib.STATUS_THREADS_OUT_OF_RANGE
    )


def test_a_released_buffer_is_emptied():
    status, buffer = primes_buffer(30)
    assert status == lib.STATUS_OK
    assert ffi.unpack(buffer.data, buffer.len) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    with buffer:
        pass
    # ffi.release is idempotent: the destructor ran once, at the end of the with block
    ffi.release(buffer)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_buffers_dropped_without_a_free_are_freed_by_the_gc():
    for _ in range(200):
        primes_buffer(10**5)
    before = resident_bytes()
    for _ in range(3000):
        status, buffer = primes_buffer(10**5)
        assert status == 0 and buffer.len == 9592
        del buffer  # no release: ffi.gc's destructor must run
    growth = resident_bytes() - before
    assert growth < 8 * 2**20, f"resident memory grew by {growth / 2**20:.1f} MiB"


def test_the_wheel_builds_with_pip_and_imports_in_a_fresh_venv(tmp_path):
    """pip builds the wheel in an isolated environment from pyproject.toml's build-system
    alone, exactly as on a user's machine; a new venv installs it (and cffi) and imports it."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels,
         ROOT / "crates/via-cffi"],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("primes_cffi-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv/bin/python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", wheel], check=True)
    use = "import primes_cffi as p; s, b = p.primes_buffer(100); print(s, b.len)"
    result = subprocess.run([python, "-c", use], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.split() == ["0", "25"], result.stderr


def test_api_mode_calls_the_same_library_through_compiled_c():
    """crates/via-cffi/api_mode.py: the header compiled, not parsed at import time."""
    api = load_cffi_api()
    count = api.ffi.new("size_t *")
    assert api.lib.kernels_count_primes(10**6, count) == api.lib.STATUS_OK
    assert count[0] == 78498
    with pytest.raises(OverflowError):  # checked arguments, as in ABI mode
        api.lib.kernels_count_primes(-1, count)


def test_milksnake_still_builds_the_same_package_the_old_way(tmp_path):
    """crates/via-cffi/milksnake/: the package as milksnake built it before maturin's cffi
    bindings (`./just build-cffi-milksnake`). Its module layout differs, its use does not:
    the contract's functions, run on it in a child, from the unpacked wheel."""
    (wheel,) = (ROOT / "target/wheels/milksnake").glob("primes_cffi-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert {"primes_cffi/_native.py", "primes_cffi/_native__lib.so"} <= set(archive.namelist())
        archive.extractall(tmp_path)
    use = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import primes_cffi; "
        "from python_clients import cffi_style as k; "
        "print(primes_cffi.__file__.startswith(sys.path[0]), k.count_primes(10**6), "
        "k.count_doubles('aaé'), k.primes_array(30)[-1], k.count_equal_neighbours(b'aab'))"
    )
    result = subprocess.run([sys.executable, "-c", use], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == ["True", "78498", "1", "29", "1"], result.stderr
