//! The C sieve ported line for line: the result struct borrows the table on the stack.
//! rustc refuses it with E0515; `tests/compile_fail.rs` pins the exact message.

use kernels::readable::cross_out;

const LIMIT: usize = 1_000_000;

// ANCHOR: dangling
pub struct Sieve<'a> {
    pub count: usize,
    pub primes: &'a [bool], // borrowed, like C's `const bool *primes`
}

pub fn sieve<'a>(n: usize) -> Sieve<'a> {
    let mut primes = [true; LIMIT + 1]; // lives in this function's stack frame, as in C
    let count = cross_out(&mut primes[..=n]);
    Sieve {
        count,
        primes: &primes[..=n],
    }
}
// ANCHOR_END: dangling

fn main() {
    let result = sieve(100);
    println!(
        "{} primes, the first: {}",
        result.count,
        result.primes.iter().filter(|&&p| p).count()
    );
}
