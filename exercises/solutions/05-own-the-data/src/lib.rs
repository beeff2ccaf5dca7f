//! Exercise 05, a reference solution: the result owns its table.

/// The primes up to `n`: how many, and a table with `primes[i]` true when `i` is prime.
pub struct Sieve {
    /// How many primes there are.
    pub count: usize,
    /// Owned: freed when the `Sieve` is dropped.
    pub primes: Vec<bool>,
}

/// Sieves the numbers up to `n`.
pub fn sieve(n: usize) -> Sieve {
    let mut primes = vec![true; n + 1];
    primes[0] = false;
    if n >= 1 {
        primes[1] = false;
    }
    let mut count = 0;
    for p in 2..=n {
        if primes[p] {
            count += 1;
            (p * p..=n).step_by(p).for_each(|multiple| primes[multiple] = false);
        }
    }
    Sieve { count, primes }
}
