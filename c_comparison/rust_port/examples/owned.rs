//! The fixed port, run like the C program: `cargo run --example owned -- 10 100 1000000`.

fn main() {
    for arg in std::env::args().skip(1) {
        let n: usize = arg.parse().expect("n must be a whole number");
        let result = sieve_port::sieve(n);
        let last: Vec<usize> = (0..=n)
            .rev()
            .filter(|&i| result.primes[i])
            .take(3)
            .collect();
        println!("n = {n}: {} primes, the last: {last:?}", result.count);
    }
}
