//! The road from [`crate::readable`] to the fast sieve, one idea per function, for the
//! chapter "How fast can it go?". Each counts π(n); `examples/sieve_steps.rs` times them all.
//! Step 5 is the odd-only sieve at its fastest (`segmented.rs`); step 6 is the wheel
//! (`wheel.rs`) in segments of the L1 cache; step 7, the same wheel with segments of the L2
//! cache sieved in L1 chunks by the small primes, is [`crate::count_primes`] itself, and
//! step 8 is [`crate::count_primes_threads`].

// ANCHOR: odd_only
/// Step 1, odd numbers only: 2 is the one even prime, so entry `i` stands for `2i + 1`.
/// Half the memory, half the crossing out.
pub fn odd_only(n: u32) -> usize {
    if n < 2 {
        return 0;
    }
    let len = (n as usize).div_ceil(2); // 1, 3, 5, … up to n
    let mut is_prime = vec![true; len];
    is_prime[0] = false; // 1 is not prime
    let mut i = 1;
    while (2 * i + 1) * (2 * i + 1) <= n as usize {
        if is_prime[i] {
            let p = 2 * i + 1;
            // p² is odd; odd multiples of p are 2p apart, which is p entries.
            for j in (p * p / 2..len).step_by(p) {
                is_prime[j] = false;
            }
        }
        i += 1;
    }
    1 + is_prime.iter().filter(|&&flag| flag).count()
}
// ANCHOR_END: odd_only

/// The odd-only table packed 64 entries to a `u64`, sieved; bit `i` of word `i / 64` is
/// entry `i`. Shared by steps 2 and 3, which differ only in how they count.
fn odd_bits(n: u32) -> (Vec<u64>, usize) {
    let len = (n as usize).div_ceil(2);
    let mut words = vec![u64::MAX; len.div_ceil(64)];
    words[0] &= !1; // 1 is not prime
    let mut i = 1;
    while (2 * i + 1) * (2 * i + 1) <= n as usize {
        if words[i / 64] >> (i % 64) & 1 == 1 {
            let p = 2 * i + 1;
            for j in (p * p / 2..len).step_by(p) {
                words[j / 64] &= !(1 << (j % 64));
            }
        }
        i += 1;
    }
    (words, len)
}

// ANCHOR: bits
/// Step 2, bits: one bit per odd number instead of one byte, so 8× more of the table fits
/// in each cache level. Counted bit by bit.
pub fn bits(n: u32) -> usize {
    if n < 2 {
        return 0;
    }
    let (words, len) = odd_bits(n);
    1 + (0..len)
        .filter(|&i| words[i / 64] >> (i % 64) & 1 == 1)
        .count()
}

/// Step 3, popcount: count 64 entries at once with one instruction, `u64::count_ones`.
pub fn popcount(n: u32) -> usize {
    if n < 2 {
        return 0;
    }
    let (mut words, len) = odd_bits(n);
    if len % 64 != 0 {
        *words.last_mut().expect("n >= 2") &= (1 << (len % 64)) - 1; // bits past n
    }
    1 + words.iter().map(|w| w.count_ones() as usize).sum::<usize>()
}
// ANCHOR_END: bits

// ANCHOR: segments
/// Step 4, segments: sieve 32 KiB of bits at a time (the L1 cache), every prime up to √n
/// crossing out its multiples in one segment before the next segment starts. Memory: one
/// segment, whatever n is.
pub fn segments(n: u32) -> usize {
    const BITS: usize = 32 * 1024 * 8;
    if n < 2 {
        return 0;
    }
    let len = (n as usize).div_ceil(2);
    let root = n.isqrt() as usize;
    let (small, _) = crate::readable::sieve(root as u32).expect("at most 65536 bytes");
    let primes: Vec<usize> = (3..=root).step_by(2).filter(|&p| small[p]).collect();
    // For each prime, the entry of its next odd multiple, starting at p².
    let mut next: Vec<usize> = primes.iter().map(|p| p * p / 2).collect();
    let mut count = 1; // 2
    let mut segment = vec![0u64; BITS / 64];
    for start in (0..len).step_by(BITS) {
        let size = BITS.min(len - start);
        segment.fill(u64::MAX);
        for (next, &p) in next.iter_mut().zip(&primes) {
            while *next < start + size {
                let j = *next - start;
                segment[j / 64] &= !(1 << (j % 64));
                *next += p;
            }
        }
        if start == 0 {
            segment[0] &= !1; // 1 is not prime
        }
        let words = size.div_ceil(64);
        if !size.is_multiple_of(64) {
            segment[words - 1] &= (1 << (size % 64)) - 1;
        }
        count += segment[..words]
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum::<usize>();
    }
    count
}
// ANCHOR_END: segments

/// Step 5, pre-sieved patterns and the crossing out unrolled, still one bit per odd number:
/// the fast sieve before the wheel.
pub fn presieved(n: u32) -> usize {
    crate::segmented::count_primes(n).expect("a few hundred KiB of tables")
}

pub use crate::wheel::Layout;

/// Step 6, the mod-30 wheel: a byte per 30 numbers (8 bits for the 8 residues 2, 3 and 5
/// leave), in segments of the L1 cache as this machine reports it.
pub fn wheel(n: u32) -> usize {
    cut(n, Layout::l1_only())
}

/// The wheel sieve (step 7 with the machine's layout) cut as `layout` says, to measure
/// other cuts.
pub fn cut(n: u32, layout: Layout) -> usize {
    crate::wheel::count_with_layout(n, layout).expect("tables of a few hundred KiB")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readable;
    use proptest::prelude::*;

    #[test]
    fn every_step_at_ten_to_the_seven() {
        for step in [odd_only, bits, popcount, segments, presieved, wheel] {
            assert_eq!(step(10_000_000), 664_579);
        }
    }

    proptest! {
        #[test]
        fn every_step_agrees_with_the_readable_sieve(n in 0u32..600_000) {
            let expected = readable::count_primes(n).unwrap();
            for step in [odd_only, bits, popcount, segments, presieved, wheel] {
                prop_assert_eq!(step(n), expected);
            }
        }
    }
}
