//! Times every step from the readable sieve to the fast one at one `n`, and prints a
//! Markdown table (`./just bench` writes it into the book). Run it in release mode:
//! `cargo run --release -p kernels --example sieve_steps -- 100000000`.

use std::time::Instant;

/// A step's name and its π(n).
type Step = (&'static str, fn(u32) -> usize);

fn best_of(runs: usize, step: impl Fn(u32) -> usize, n: u32) -> (usize, f64) {
    let mut best = f64::INFINITY;
    let mut count = 0;
    for _ in 0..runs {
        let start = Instant::now();
        count = std::hint::black_box(step(std::hint::black_box(n)));
        best = best.min(start.elapsed().as_secs_f64());
    }
    (count, best)
}

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .map_or(100_000_000, |arg| arg.parse().expect("n"));
    let steps: [Step; 9] = [
        ("0. readable: one bool per number", |n| {
            kernels::readable::count_primes(n).unwrap()
        }),
        ("1. odd numbers only", kernels::steps::odd_only),
        ("2. one bit per odd number", kernels::steps::bits),
        ("3. counted by popcount", kernels::steps::popcount),
        ("4. in 32 KiB segments", kernels::steps::segments),
        (
            "5. pre-sieved patterns, unrolled",
            kernels::steps::presieved,
        ),
        (
            "6. a byte per 30 numbers (the mod-30 wheel)",
            kernels::steps::wheel,
        ),
        ("7. L2 segments, small primes in L1 chunks", |n| {
            kernels::count_primes(n).unwrap()
        }),
        ("8. on every core (rayon)", |n| {
            kernels::count_primes_threads(n, 0, || true)
                .unwrap()
                .unwrap()
        }),
    ];
    println!("| step | time (best of 5) | gain over the step before | over readable |");
    println!("| --- | --- | --- | --- |");
    let mut previous = None;
    let mut first = None;
    for (name, step) in steps {
        let (count, seconds) = best_of(5, step, n);
        assert_eq!(Ok(count), kernels::count_primes(n), "{name}");
        let gain = previous.map_or("—".to_string(), |p: f64| format!("{:.2}×", p / seconds));
        let total = first.map_or("1×".to_string(), |f: f64| format!("{:.1}×", f / seconds));
        println!("| {name} | {:.1} ms | {gain} | {total} |", seconds * 1e3);
        previous = Some(seconds);
        first.get_or_insert(seconds);
    }
    println!(
        "\ncount_primes({n}) on {} thread(s) available.",
        std::thread::available_parallelism().map_or(1, |t| t.get())
    );
    layouts(n.saturating_mul(10));
}

/// Step 7's choices against their neighbours, at a larger n where they matter more: the
/// segment's size, whether small primes sieve it in L1 chunks, and where "small" ends.
fn layouts(n: u32) {
    use kernels::steps::{Layout, cut};
    let machine = Layout::of_this_machine();
    let kib = |bytes: usize| bytes / 1024;
    let whole = |segment| Layout {
        chunk: segment,
        segment,
        ..machine
    };
    let mut cuts = vec![(
        format!("segments of {} KiB (L1), no chunks", kib(machine.chunk)),
        whole(machine.chunk),
    )];
    for segment in [2 * machine.chunk, machine.segment] {
        cuts.push((
            format!("segments of {} KiB, no chunks", kib(segment)),
            whole(segment),
        ));
    }
    for small_turns in [2, 4, 8] {
        let name = format!(
            "segments of {} KiB, chunks of {} KiB, small primes: {small_turns}+ turns a chunk",
            kib(machine.segment),
            kib(machine.chunk)
        );
        cuts.push((
            name,
            Layout {
                small_turns,
                ..machine
            },
        ));
    }
    println!("\n### How to cut the bitmap, at n = {n}\n");
    println!("| layout | time (best of 5) | the machine's choice |");
    println!("| --- | --- | --- |");
    for (name, layout) in cuts {
        let (count, seconds) = best_of(5, |n| cut(n, layout), n);
        assert_eq!(Ok(count), kernels::count_primes(n), "{name}");
        let chosen = if layout == machine { "✓" } else { "" };
        println!("| {name} | {:.1} ms | {chosen} |", seconds * 1e3);
    }
}
