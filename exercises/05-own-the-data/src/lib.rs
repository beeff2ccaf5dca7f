//! Exercise 05: a sieve result that owns its table.

/// The primes up to `n`: how many, and a table with `primes[i]` true when `i` is prime.
pub struct Sieve {
    /// How many primes there are.
    pub count: usize,
    /// Borrowed "forever", which only `Box::leak` can provide: see the README.
    pub primes: &'static [bool],
}

/// Sieves the numbers up to `n`.
pub fn sieve(n: usize) -> Sieve {
    let mut table = vec![true; n + 1];
    table[0] = false;
    if n >= 1 {
        table[1] = false;
    }
    let mut count = 0;
    for p in 2..=n {
        if table[p] {
            count += 1;
            (p * p..=n).step_by(p).for_each(|multiple| table[multiple] = false);
        }
    }
    // E0515 went away here, and so does the memory: it is never freed.
    Sieve { count, primes: Box::leak(table.into_boxed_slice()) }
}
