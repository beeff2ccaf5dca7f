//! The check of exercise 05 (do not edit): run it with `./just exercise 5`.

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

/// Your src/lib.rs, as it is now.
const SOURCE: &str = include_str!("../src/lib.rs");

/// A leaked table freed again in a `Drop` passes the counts below, and is unsound: safe code
/// can copy the `&'static` reference out of a `Sieve` and read it after the drop. Owning the
/// data needs none of it.
#[test]
fn the_sieve_owns_its_table_with_no_static_no_unsafe_no_leak() {
    let code: Vec<&str> =
        SOURCE.lines().map(|line| line.split("//").next().unwrap_or("")).collect();
    for word in ["'static", "unsafe", "leak"] {
        let found = code.iter().position(|line| line.contains(word));
        assert!(
            found.is_none(),
            "src/lib.rs line {}: `{word}`. A Sieve that owns its table needs no `'static`, no \
             `unsafe` and no `leak` (comments aside): the table can be a Vec<bool>",
            found.map_or(0, |index| index + 1),
        );
    }
}

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

/// A table that every call shares (one static table, made once) leaks nothing per call, but
/// the result does not own it: what a `Sieve` holds must come and go with it.
#[test]
fn the_sieve_holds_its_table_and_frees_it_when_dropped() {
    let before = counting_alloc::live_bytes();
    let result = ex05::sieve(1000);
    let held = counting_alloc::live_bytes() - before;
    assert!(held >= 1001, "the Sieve holds {held} bytes, not its table of 1001 bools");
    drop(result);
    let leaked = counting_alloc::live_bytes() - before;
    assert_eq!(leaked, 0, "{leaked} bytes outlived the Sieve that held them");
}
