//! Step 5 of the road to the fast sieve (see [`crate::steps`]): odd numbers only, one bit
//! each, in 32 KiB segments, pre-sieved from repeating patterns, the crossing out unrolled,
//! counted with popcount. [`crate::wheel`] is where the road goes on.
//!
//! Bit `i` of the whole (never materialised) bitmap stands for the odd number `2i + 1`; a
//! segment holds `SEGMENT_BYTES * 8` consecutive bits. Each segment is sieved alone, so
//! memory stays at one segment whatever `n` is, and segments can go to different threads.

use crate::limit::{Error, try_vec};
use crate::readable;

// ANCHOR: layout
/// 32 KiB: the L1 data cache of most cores, where the inner loop's random writes are cheap.
const SEGMENT_BYTES: usize = 32 * 1024;
const SEGMENT_BITS: usize = SEGMENT_BYTES * 8;
/// Numbers covered by one segment (odd and even).
#[cfg(test)]
const SEGMENT_SPAN: u64 = 2 * SEGMENT_BITS as u64;
// ANCHOR_END: layout

// ANCHOR: presieve
/// The odd primes whose multiples are crossed out by copying patterns instead of sieving.
/// The multiples of 3, 5, 7, 11 and 13 repeat every 15015 odd numbers, that is every 15015
/// bytes of 8 bits; each segment is the AND of four such patterns, made in one pass.
const PATTERNS: [&[u64]; 4] = [
    &[3, 5, 7, 11, 13],
    &[17, 19, 23],
    &[29, 31, 37],
    &[41, 43, 47],
];
/// The first prime that is sieved one multiple at a time.
const FIRST_SIEVED: u32 = 53;

/// One period of the bitmap with only the multiples of `primes` crossed out.
fn pattern(primes: &[u64]) -> Result<Vec<u8>, Error> {
    let bytes = primes.iter().product::<u64>() as usize;
    let mut pattern = try_vec(bytes)?;
    pattern.resize(bytes, 0xff); // within the capacity just reserved: no allocation
    for &p in primes {
        // Bit i is 2i + 1: the odd multiples of p sit at bits p/2, p/2 + p, p/2 + 2p, …
        for bit in (p as usize / 2..bytes * 8).step_by(p as usize) {
            pattern[bit / 8] &= !(1 << (bit % 8));
        }
    }
    Ok(pattern)
}

/// The patterns, made on first use and shared by every later call and thread. A call that
/// cannot allocate them reports it; a later one tries again.
fn patterns() -> Result<&'static [Vec<u8>; 4], Error> {
    static PATTERN_TABLES: std::sync::OnceLock<[Vec<u8>; 4]> = std::sync::OnceLock::new();
    if let Some(made) = PATTERN_TABLES.get() {
        return Ok(made);
    }
    let [a, b, c, d] = PATTERNS.map(pattern);
    let made = [a?, b?, c?, d?];
    // Two threads may both get here: one set of tables is kept, the other dropped.
    Ok(PATTERN_TABLES.get_or_init(|| made))
}

/// Fills `segment` with the AND of the four patterns, as they stand from byte `first_byte`
/// of the bitmap on: in runs where no pattern wraps around, one vectorised pass each.
fn fill(segment: &mut [u8], patterns: &[Vec<u8>; 4], first_byte: usize) {
    let mut offsets = patterns
        .each_ref()
        .map(|pattern| first_byte % pattern.len());
    let mut done = 0;
    while done < segment.len() {
        let take = (0..4)
            .map(|k| patterns[k].len() - offsets[k])
            .fold(segment.len() - done, usize::min);
        let [a, b, c, d] = std::array::from_fn(|k| &patterns[k][offsets[k]..offsets[k] + take]);
        let target = &mut segment[done..done + take];
        for (i, byte) in target.iter_mut().enumerate() {
            *byte = a[i] & b[i] & c[i] & d[i];
        }
        offsets = std::array::from_fn(|k| (offsets[k] + take) % patterns[k].len());
        done += take;
    }
}
// ANCHOR_END: presieve

// ANCHOR: cross_off
/// Where a prime stands in its crossing out: the bit of its next multiple to cross (relative
/// to the current segment) and the gap after it.
///
/// Only multiples `p·k` with `k` odd and not divisible by 3 are crossed (the pattern already
/// crossed those divisible by 3): `k` runs 1, 5, 7, 11, 13, … with gaps 4, 2, 4, 2, …,
/// which in bits (odd numbers only) are gaps of `2p`, `p`, `2p`, `p`, …
#[derive(Clone, Copy)]
struct Multiple {
    bit: usize,
    long_gap_next: bool,
}

/// Crosses out the multiples of `p` in `segment` from `next` on; returns where the next
/// one falls past the segment's end (absolute bit, same gap order).
fn cross_off(segment: &mut [u8], next: Multiple, p: usize) -> Multiple {
    let gaps = if next.long_gap_next {
        [2 * p, p]
    } else {
        [p, 2 * p]
    };
    let mut bit = next.bit;
    let mut turn = 0;
    // A large prime hits a segment a few times only: setting up the unrolled loop below
    // would cost more than it saves.
    if 12 * p < segment.len() {
        bit = cross_off_unrolled(segment, next.bit, gaps, p);
    }
    while bit < segment.len() * 8 {
        segment[bit / 8] &= !(1 << (bit % 8));
        bit += gaps[turn];
        turn ^= 1;
    }
    Multiple {
        bit,
        long_gap_next: (turn == 0) == next.long_gap_next,
    }
}

/// The bulk of `cross_off` for a small prime; returns the bit where it stopped, at the
/// same point in the gap order as `start`.
fn cross_off_unrolled(segment: &mut [u8], start: usize, gaps: [usize; 2], p: usize) -> usize {
    // Sixteen multiples at a time: eight gap pairs are 24·p bits, exactly 3·p bytes, so the
    // sixteen (byte, mask) pairs repeat from one round to the next, shifted by 3·p bytes.
    let position = |k: usize| start + (k / 2) * 3 * p + (k % 2) * gaps[0];
    let offsets: [usize; 16] = std::array::from_fn(|k| position(k) / 8 - start / 8);
    let masks: [u8; 16] = std::array::from_fn(|k| !(1 << (position(k) % 8)));
    let mut byte = start / 8;
    while byte + offsets[15] < segment.len() {
        for k in 0..16 {
            segment[byte + offsets[k]] &= masks[k];
        }
        byte += 3 * p;
    }
    byte * 8 + start % 8
}
// ANCHOR_END: cross_off

/// What every segment needs and nobody changes: the patterns and the sieving primes.
struct Sieve {
    n: u32,
    patterns: &'static [Vec<u8>; 4],
    primes: Vec<u64>,
}

/// Where one run of consecutive segments stands: for each sieving prime, the bit of its
/// next odd multiple relative to the segment about to be sieved.
struct Cursor {
    next: Vec<Multiple>,
}

impl Sieve {
    fn new(n: u32) -> Result<Self, Error> {
        Ok(Self {
            n,
            patterns: patterns()?,
            primes: readable::sieving_primes(FIRST_SIEVED, n, u64::from)?,
        })
    }

    /// How many bits the whole bitmap has: one per odd number up to n.
    fn total_bits(&self) -> u64 {
        u64::from(self.n).div_ceil(2)
    }

    fn segments(&self) -> u64 {
        self.total_bits().div_ceil(SEGMENT_BITS as u64)
    }

    /// A cursor for sieving from segment `first_segment` on: one division per prime, once,
    /// rather than once per segment.
    fn cursor(&self, first_segment: u64) -> Result<Cursor, Error> {
        let first_bit = first_segment * SEGMENT_BITS as u64;
        let low = 2 * first_bit + 1; // the first number of that segment
        let mut next = try_vec(self.primes.len())?;
        next.extend(self.primes.iter().map(|&p| {
            // The first multiplier k ≥ p (so p·k ≥ p²) with p·k ≥ low, k odd, 3 ∤ k.
            let mut k = p.max(low.div_ceil(p));
            k += 1 - k % 2;
            if k % 3 == 0 {
                k += 2;
            }
            let bit = ((p * k - 1) / 2 - first_bit) as usize;
            // From k ≡ 1 (mod 6) the next k is 4 further; from k ≡ 5, 2 further.
            Multiple {
                bit,
                long_gap_next: k % 6 == 1,
            }
        }));
        Ok(Cursor { next })
    }

    /// Sieves segment `index` into `segment`, leaving set exactly the bits of odd primes;
    /// `cursor` must stand at that segment, and is moved on to the next.
    fn sieve_segment(&self, cursor: &mut Cursor, index: u64, segment: &mut Vec<u8>) {
        let first_bit = index * SEGMENT_BITS as u64;
        let bits = (self.total_bits() - first_bit).min(SEGMENT_BITS as u64) as usize;
        segment.resize(bits.div_ceil(8), 0);
        fill(segment, self.patterns, (first_bit / 8) as usize);
        for (next, &p) in cursor.next.iter_mut().zip(&self.primes) {
            if next.bit < segment.len() * 8 {
                *next = cross_off(segment, *next, p as usize);
            }
            // Relative to the next segment. (After the last, shorter one, never used.)
            next.bit = next.bit.saturating_sub(SEGMENT_BITS);
        }
        if index == 0 {
            // The patterns crossed out their own primes, and 1 (bit 0) is not prime.
            segment[0] &= !1;
            for &p in PATTERNS
                .concat()
                .iter()
                .take_while(|&&p| p <= u64::from(self.n))
            {
                segment[p as usize / 16] |= 1 << (p as usize / 2 % 8);
            }
        }
        // Bits past the last odd number ≤ n, in the last byte.
        let spare = segment.len() * 8 - bits;
        if spare > 0 {
            *segment
                .last_mut()
                .expect("a segment holds at least one bit") &= 0xff >> spare;
        }
    }

    /// The number of odd primes in segments `range`, sieved one after the other.
    fn count_odd_primes(&self, range: std::ops::Range<u64>) -> Result<usize, Error> {
        let mut cursor = self.cursor(range.start)?;
        let mut segment = try_vec(SEGMENT_BYTES)?;
        Ok(range
            .map(|index| {
                self.sieve_segment(&mut cursor, index, &mut segment);
                popcount(&segment)
            })
            .sum())
    }
}

// ANCHOR: count
/// π(n) with the segmented sieve, counting each segment by popcount.
pub(crate) fn count_primes(n: u32) -> Result<usize, Error> {
    if n < 2 {
        return Ok(0);
    }
    let sieve = Sieve::new(n)?;
    Ok(sieve.count_odd_primes(0..sieve.segments())? + 1) // and 2
}

/// The set bits of `bytes`, 64 at a time: shared with the wheel sieve, which counts the
/// same way.
pub(crate) fn popcount(bytes: &[u8]) -> usize {
    let (words, tail) = bytes.as_chunks::<8>();
    let words: u32 = words
        .iter()
        .map(|w| u64::from_le_bytes(*w).count_ones())
        .sum();
    (words + tail.iter().map(|b| b.count_ones()).sum::<u32>()) as usize
}
// ANCHOR_END: count

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reference_values() {
        crate::reference::check(count_primes);
        assert_eq!(count_primes(crate::MAX_N), Ok(203_280_221));
    }

    /// Around segment edges, pattern periods and word edges.
    fn edges() -> impl Strategy<Value = u32> {
        let span = SEGMENT_SPAN as u32;
        let pattern = 2 * 15015 * 8;
        prop_oneof![
            (0u32..4, -130i64..130).prop_map(move |(k, d)| (i64::from(k * span) + d).max(0) as u32),
            (0u32..40, -64i64..64)
                .prop_map(move |(k, d)| (i64::from(k * pattern) + d).max(0) as u32),
            0u32..3000,
        ]
    }

    proptest! {
        #[test]
        fn count_agrees_with_the_readable_sieve(n in edges()) {
            prop_assert_eq!(count_primes(n), Ok(readable::count_primes(n).unwrap()));
        }
    }
}
