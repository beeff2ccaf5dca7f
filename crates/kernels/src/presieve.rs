//! Pre-sieving: the multiples of the primes 7 to 157 crossed out by copying patterns, so
//! that each segment of [`crate::wheel`] starts with them gone.

use crate::wheel::RESIDUES;

// ANCHOR: presieve
/// The tables, and the primes they cross out, from one list. Each table is made by the
/// compiler and lives in the library's read-only data: no start-up cost, and no lock a
/// `fork` could catch half-taken (a lazily made table would be both).
macro_rules! patterns {
    ($([$($p:literal),+]),+ $(,)?) => {
        /// The primes crossed out by each table.
        pub(crate) const PATTERN_PRIMES: &[&[usize]] = &[$(&[$($p),+]),+];
        /// One period of the bitmap per entry of [`PATTERN_PRIMES`], with only those
        pub(crate) static PATTERNS: [&[u8]; PATTERN_PRIMES.len()] =
            [$(&pattern::<{ 1 $(* $p)+ }>(&[$($p),+])),+];
    };
}

// The primes whose multiples are crossed out by copying patterns instead of sieving. The
// multiples of 7 repeat every 7 bytes of 30 numbers, those of 7, 11 and 13 together every
// 1001 bytes; each segment starts as the AND of these patterns. A pattern costs one AND
// per byte of every segment; sieving its primes would cost a scattered write for each of
// their multiples: about `8/p` per byte for a prime `p`. Patterns win well beyond 100.
patterns![
    [7, 11, 13],
    [17, 19, 23],
    [29, 31],
    [37, 41],
    [43, 47],
    [53, 59],
    [61, 67],
    [71, 73],
    [79, 83],
    [89, 97],
    [101, 103],
    [107, 109],
    [113, 127],
    [131, 137],
    [139, 149],
    [151, 157],
];

// `fill` ANDs the tables four at a time.
const _: () = assert!(PATTERN_PRIMES.len().is_multiple_of(4));

/// The first prime that is sieved one multiple at a time.
pub(crate) const FIRST_SIEVED: u32 = 163;

/// One period of the bitmap, `BYTES` long, with only the multiples of `primes` crossed out.
/// For each prime `p` and bit `k`, the bytes whose bit `k` is a multiple of `p` are `p`
/// apart, from the first such byte below `p` on.
const fn pattern<const BYTES: usize>(primes: &[usize]) -> [u8; BYTES] {
    let mut pattern = [0xff; BYTES];
    let mut i = 0;
    while i < primes.len() {
        let p = primes[i];
        let mut k = 0;
        while k < 8 {
            let mut byte = 0;
            while !(30 * byte + RESIDUES[k]).is_multiple_of(p) {
                byte += 1;
            }
            while byte < BYTES {
                pattern[byte] &= !(1 << k);
                byte += p;
            }
            k += 1;
        }
        i += 1;
    }
    pattern
}

/// Fills `segment` with the AND of the patterns as they stand from byte `first_byte` of
/// the bitmap on, in passes of four patterns: each pass runs in stretches that end where
/// one of its four wraps around, so that every stretch is a plain loop the compiler
/// vectorises.
pub(crate) fn fill(segment: &mut [u8], patterns: &[&[u8]], first_byte: usize) {
    let (passes, []) = patterns.as_chunks::<4>() else {
        unreachable!("PATTERNS holds a multiple of four tables (asserted at compile time)")
    };
    for (index, four) in passes.iter().enumerate() {
        let mut offsets = four.each_ref().map(|pattern| first_byte % pattern.len());
        let mut done = 0;
        while done < segment.len() {
            let take = (0..4)
                .map(|k| four[k].len() - offsets[k])
                .fold(segment.len() - done, usize::min);
            let [a, b, c, d] = std::array::from_fn(|k| &four[k][offsets[k]..][..take]);
            let target = &mut segment[done..done + take];
            for (i, byte) in target.iter_mut().enumerate() {
                let all_four = a[i] & b[i] & c[i] & d[i];
                *byte = if index == 0 {
                    all_four
                } else {
                    *byte & all_four
                };
            }
            offsets = std::array::from_fn(|k| (offsets[k] + take) % four[k].len());
            done += take;
        }
    }
}
// ANCHOR_END: presieve
