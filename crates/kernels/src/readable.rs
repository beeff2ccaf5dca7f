//! The textbook Sieve of Eratosthenes: one `bool` per number, the version the book starts
//! from. It is clear rather than fast; the crate root's functions are what bindings call.

use crate::limit::{Error, try_vec};

// ANCHOR: cross_out
/// The sieve itself, on a table the caller provides: `is_prime` must start all `true`; on
/// return `is_prime[i]` tells whether `i` is prime. Returns how many primes there are.
pub fn cross_out(is_prime: &mut [bool]) -> usize {
    let len = is_prime.len();
    is_prime.iter_mut().take(2).for_each(|flag| *flag = false); // 0 and 1
    let mut count = 0;
    for p in 2..len {
        if is_prime[p] {
            count += 1;
            // Smaller multiples of p were crossed out by smaller primes; from p > √n on,
            // p * p is past the end and this loop is empty.
            for multiple in (p * p..len).step_by(p) {
                is_prime[multiple] = false;
            }
        }
    }
    count
}
// ANCHOR_END: cross_out

// ANCHOR: sieve
/// A table `is_prime` with `is_prime[i] == true` exactly when `i` is prime, for `i` in
/// `0..=n`, and the number of primes in it.
///
/// # Errors
/// [`Error::OutOfMemory`] when the `n + 1` bytes of the table cannot be allocated.
pub fn sieve(n: u32) -> Result<(Vec<bool>, usize), Error> {
    let len = n as usize + 1;
    let mut is_prime = try_vec(len)?;
    is_prime.resize(len, true);
    let count = cross_out(&mut is_prime);
    Ok((is_prime, count))
}
// ANCHOR_END: sieve

/// The primes from `first` to `√n`, each made into a `T`: the sieving primes a segmented
/// sieve needs, in one allocation of the right size.
pub(crate) fn sieving_primes<T>(
    first: u32,
    n: u32,
    make: impl Fn(u32) -> T,
) -> Result<Vec<T>, Error> {
    let root = n.isqrt();
    let (is_prime, count) = sieve(root)?;
    let mut primes = try_vec(count)?;
    primes.extend((first..=root).filter(|&p| is_prime[p as usize]).map(make));
    Ok(primes)
}

// ANCHOR: count_and_list
/// π(n), counted while sieving: the list of primes is never built.
///
/// # Errors
/// [`Error::OutOfMemory`] from [`sieve`].
pub fn count_primes(n: u32) -> Result<usize, Error> {
    Ok(sieve(n)?.1)
}

/// The primes up to `n`, ascending, in a `Vec` allocated once at its exact length.
///
/// # Errors
/// [`Error::OutOfMemory`] from [`sieve`] or for the list itself.
pub fn primes(n: u32) -> Result<Vec<u32>, Error> {
    let (is_prime, count) = sieve(n)?;
    let mut primes = try_vec(count)?;
    primes.extend((0..=n).filter(|&i| is_prime[i as usize]));
    Ok(primes)
}
// ANCHOR_END: count_and_list

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Trial division: slow, and obviously right.
    fn is_prime_by_trial_division(k: u32) -> bool {
        k >= 2
            && (2..)
                .take_while(|d| d * d <= k)
                .all(|d| !k.is_multiple_of(d))
    }

    #[test]
    fn reference_values() {
        crate::reference::check(count_primes);
        crate::reference::check(|n| primes(n).map(|list| list.len()));
        assert_eq!(primes(30), Ok(vec![2, 3, 5, 7, 11, 13, 17, 19, 23, 29]));
    }

    #[test]
    fn reference_value_at_ten_to_the_eight() {
        assert_eq!(count_primes(100_000_000), Ok(5_761_455));
    }

    proptest! {
        #[test]
        fn sieve_agrees_with_trial_division(n in 0u32..5_000) {
            let (table, _) = sieve(n).unwrap();
            for (k, &flag) in table.iter().enumerate() {
                prop_assert_eq!(flag, is_prime_by_trial_division(k as u32), "k = {}", k);
            }
        }

        #[test]
        fn list_and_count_agree(n in 0u32..200_000) {
            let list = primes(n).unwrap();
            prop_assert_eq!(list.len(), count_primes(n).unwrap());
            prop_assert!(list.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(list.iter().all(|&p| p <= n && is_prime_by_trial_division(p)));
        }
    }
}
