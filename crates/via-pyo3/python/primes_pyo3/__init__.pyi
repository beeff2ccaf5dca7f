"""The sieve and count_doubles kernels in Rust, through PyO3."""

__all__ = ["MAX_N", "count_doubles", "count_primes", "primes"]

MAX_N: int

def count_primes(n: int) -> int:
    """The number of primes p with 2 <= p <= n."""

def primes(n: int) -> list[int]:
    """The primes p with 2 <= p <= n, ascending, as a list of int."""

def count_doubles(s: str) -> int:
    """The number of indices i with s[i] == s[i + 1], comparing code points."""
