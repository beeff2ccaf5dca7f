//! The C detour's Rust side: the design rustc refuses (`examples/dangling.rs`) and the
//! idiomatic fix, here: the result owns its table, so it cannot outlive it.

use kernels::readable::cross_out;

// ANCHOR: owned
/// The sieve's answer, owning its table: moving it out of [`sieve`] moves the table too.
pub struct Sieve {
    /// How many primes there are up to `n`.
    pub count: usize,
    /// `primes[i]` is `true` when `i` is prime, for `i` in `0..=n`.
    pub primes: Vec<bool>, // owned: freed exactly once, when the Sieve is dropped
}

/// The primes up to `n`, in a table that travels with the result.
pub fn sieve(n: usize) -> Sieve {
    let mut primes = vec![true; n + 1]; // on the heap, owned by the result
    let count = cross_out(&mut primes);
    Sieve { count, primes }
}
// ANCHOR_END: owned

#[cfg(test)]
mod tests {
    use super::sieve;

    #[test]
    fn counts_match_the_c_version() {
        for (n, count) in [(10, 4), (100, 25), (1_000_000, 78_498)] {
            let result = sieve(n);
            assert_eq!(result.count, count);
            assert_eq!(result.primes.iter().filter(|&&p| p).count(), count);
        }
    }
}
