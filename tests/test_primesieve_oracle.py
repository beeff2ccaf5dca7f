"""primesieve, where it is installed (`./just anchors`), as a second oracle for the sieve:
another author's code, so a mistake shared by our kernel and our readable sieve still shows.

The samples reach MAX_N, where the readable sieve would need 4 GiB: the styles whose sieve is
Rust's (NATIVE) count there, on every core, while the Python baselines stay at small n.
"""

import random

import pytest

from python_clients import load
from tests.conftest import NATIVE

primesieve = pytest.importorskip("primesieve")

MAX_N = 2**32 - 1


def samples(count, low, high, seed):
    """`count` n drawn from low..=high, the same on every run, with both ends."""
    draw = random.Random(seed)
    return sorted({low, high, *(draw.randint(low, high) for _ in range(count))})


@pytest.mark.parametrize("style", NATIVE)
@pytest.mark.parametrize("n", samples(6, 2**31, MAX_N, seed=19))
def test_counts_up_to_max_n_agree(style, n):
    assert load(style).count_primes(n, threads=0) == primesieve.count_primes(n)


@pytest.mark.parametrize("n", samples(20, 0, 10**6, seed=23))
def test_counts_and_lists_agree_at_small_n(kernels, n):
    assert kernels.count_primes(n) == primesieve.count_primes(n)
    assert kernels.primes(n) == primesieve.primes(n).tolist()


@pytest.mark.parametrize("style", NATIVE)
@pytest.mark.parametrize("n", samples(3, 10**7, 10**8, seed=29))
def test_one_thread_and_every_core_agree_with_primesieve(style, n):
    expected = primesieve.count_primes(n)
    assert load(style).count_primes(n) == expected
    assert load(style).count_primes(n, threads=3) == expected
