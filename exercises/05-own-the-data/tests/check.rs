//! The check of exercise 05 (do not edit): run it with `./just exercise 5`.

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

#[test]
fn right_answers() {
    let result = ex05::sieve(100);
    assert_eq!(result.count, 25);
    assert!(result.primes[97] && !result.primes[91]);
}

#[test]
fn nothing_leaks() {
    let before = counting_alloc::live_bytes();
    for n in [10, 1000, 100_000] {
        let result = ex05::sieve(n);
        assert!(result.count > 0);
    }
    let leaked = counting_alloc::live_bytes() - before;
    assert_eq!(leaked, 0, "{leaked} bytes were never freed");
}
