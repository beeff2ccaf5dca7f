"""Memory handed across the boundary is freed: resident memory stays flat over many calls."""

import sys

import pytest

from python_clients import REGISTRY, load

NATIVE = [style.name for style in REGISTRY if style.recipe]


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
@pytest.mark.parametrize("style", NATIVE)
def test_primes_does_not_leak(style):
    kernels = load(style)
    for _ in range(200):  # let the allocator and Python's caches settle first
        kernels.primes(10**5)
    before = resident_bytes()
    for _ in range(3000):
        kernels.primes(10**5)
    growth = resident_bytes() - before
    # One leaked buffer per call would be 9592 primes × 4 bytes × 3000 calls ≈ 115 MB.
    assert growth < 8 * 2**20, f"resident memory grew by {growth / 2**20:.1f} MiB"
